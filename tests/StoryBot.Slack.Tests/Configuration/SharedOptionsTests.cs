using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Tests.Configuration;

/// <summary>Slack's moderators are listed in its own section, once, however the services are added.</summary>
public sealed class SharedOptionsTests
{
    [Fact]
    public void SlackModeratorsAreListedOnceWithTheCoreAndSlackBothAdded()
    {
        var options = SlackOptionsFrom(new Dictionary<string, string?> { ["Slack:ModeratorUserIds:0"] = "U024BE7LH" });

        Assert.Equal(["U024BE7LH"], options.ModeratorUserIds);
    }

    [Fact]
    public void TheOlderModerationKeyStillGrantsRightsWithoutListingAnyoneTwice()
    {
        var options = SlackOptionsFrom(new Dictionary<string, string?>
        {
            ["Slack:ModeratorUserIds:0"] = "U024BE7LH",
            ["Moderation:SlackUserIds:0"] = "U024BE7LH",
            ["Moderation:SlackUserIds:1"] = "U0OLDMOD",
        });

        Assert.Equal(["U024BE7LH", "U0OLDMOD"], options.ModeratorUserIds);
    }

    private static SlackOptions SlackOptionsFrom(Dictionary<string, string?> settings)
    {
        settings["Knowledge:Reload"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddStoryCore(configuration);
        services.AddSlack(configuration);
        services.AddSharedChatOptions();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SlackOptions>>().Value;
    }
}
