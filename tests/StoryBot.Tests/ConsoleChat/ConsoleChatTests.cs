using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.ConsoleChat;

/// <summary>The embedded default: with no platform configured, StoryBot is a chat in the terminal.</summary>
public sealed class ConsoleChatTests
{
    [Fact]
    public async Task WithNoPlatformConfiguredTheBotChatsOnTheConsoleAndQuitsAtEndOfInput()
    {
        var input = "Was hat Musk über SoftBank behauptet?\n/who-is nadella\n";

        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync(input);

        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith("StoryBot: ask about Elon Musk", stdout, StringComparison.Ordinal);
        Assert.Contains("„SoftBank hat sich deutlich weniger als 10 Milliarden US-Dollar gesichert.", stdout, StringComparison.Ordinal);
        Assert.Contains("¶5, musk-softbank-under-10bn", stdout, StringComparison.Ordinal);
        Assert.Contains("Satya Nadella", stdout, StringComparison.Ordinal);
        Assert.Contains("garbled", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", stdout, StringComparison.Ordinal);
    }
}
