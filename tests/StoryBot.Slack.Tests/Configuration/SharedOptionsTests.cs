using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Core;
using StoryBot.Core.Conversation;

namespace StoryBot.Slack.Tests.Configuration;

/// <summary>The sections the core and the platforms share are bound once, however many of them are added.</summary>
public sealed class SharedOptionsTests
{
    [Fact]
    public void SlackModeratorsAreListedOnceWithTheCoreAndSlackBothAdded()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Moderation:SlackUserIds:0"] = "U024BE7LH",
                ["Moderation:DiscordRoleIds:0"] = "123",
                ["Knowledge:Reload"] = "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddStoryCore(configuration);
        services.AddSlack(configuration);
        services.AddSharedChatOptions();
        using var provider = services.BuildServiceProvider();

        var moderation = provider.GetRequiredService<IOptions<ModerationOptions>>().Value;

        Assert.Equal(["U024BE7LH"], moderation.SlackUserIds);
        Assert.Equal(["123"], moderation.DiscordRoleIds);
    }
}
