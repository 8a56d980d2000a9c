using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

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

    private class Feature(string name) : IChatCommand
    {
        public string Name => name;

        public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class OtherFeature(string name) : Feature(name);

    private sealed class BuiltIn(string name) : Feature(name), IBuiltInCommand;
}
