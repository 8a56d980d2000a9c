using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Testing;

namespace StoryBot.Core.Tests.Conversation;

/// <summary>Each command name belongs to one command: features may replace a built-in, never each other.</summary>
public sealed class ChatCommandsTests
{
    [Fact]
    public void AFeaturesCommandReplacesTheBuiltInOfItsNameWhicheverIsRegisteredFirst()
    {
        var builtIn = new BuiltIn("sources");
        var feature = new Feature("sources");

        Assert.True(new ChatCommands([builtIn, feature]).TryGet("sources", out var first));
        Assert.True(new ChatCommands([feature, builtIn]).TryGet("Sources", out var second));

        Assert.Same(feature, first);
        Assert.Same(feature, second);
    }

    [Fact]
    public void TwoFeatureCommandsOfOneNameAreRefusedNamingBoth()
    {
        var conflict = Assert.Throws<ChatCommandConflictException>(() => new ChatCommands([new Feature("report"), new OtherFeature("report")]));

        Assert.Contains("/report", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Feature).FullName!, conflict.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(OtherFeature).FullName!, conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostStopsAtStartWhenTwoCommandsShareAName()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatCommand>(new Feature("help"));
        services.AddSingleton<IChatCommand>(new OtherFeature("help"));
        services.AddSingleton<ChatCommands>();
        await using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<ChatCommandConflictException>(() => new ChatCommandCheck(provider).StartAsync(CancellationToken.None));
    }

    [Fact]
    public void TheRealCommandsOfTheCoreHaveOneCommandPerName()
    {
        using var services = TestSupport.StoryServices.Create();

        var commands = services.GetRequiredService<ChatCommands>();

        Assert.Equal(["ask", "dispute", "funding", "help", "sources", "summary", "timeline", "who-is"], commands.Names);
    }

    [Fact]
    public void TheStorysTopicCommandsAreInTheRegistryBesideTheCoresOwn()
    {
        var real = TestSupport.StoryServices.Pack;
        var story = real.Story with { Topics = [.. TestStoryProfile.Topics.Select(t => t.Id == "dispute" ? t with { Command = null } : t)] };
        using var services = TestSupport.StoryServices.Create(pack: new KnowledgePack(story, real.Sources, real.Excerpts, real.Entities, real.Facts, real.Timeline, real.Summary, "no-dispute"));

        var commands = services.GetRequiredService<ChatCommands>();

        Assert.Equal(["ask", "funding", "help", "sources", "summary", "timeline", "who-is"], commands.Names);
    }

    [Fact]
    public void ATopicCommandOfAFeaturesNameIsRefusedNamingTheTopicAndTheFeature()
    {
        using var services = TestSupport.StoryServices.Create(extra: s => s.AddSingleton<IChatCommand>(new Feature("funding")));

        var conflict = Assert.Throws<ChatCommandConflictException>(() => services.GetRequiredService<ChatCommands>());

        Assert.Contains("/funding", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("the command of topic 'funding' in story.yaml", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Feature).FullName!, conflict.Message, StringComparison.Ordinal);
    }

    private class Feature(string name) : IChatCommand
    {
        public string Name => name;

        public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class OtherFeature(string name) : Feature(name);

    private sealed class BuiltIn(string name) : Feature(name), IBuiltInCommand;
}
