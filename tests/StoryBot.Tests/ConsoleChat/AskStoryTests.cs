using System.Text.Json;
using StoryBot.Testing;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.ConsoleChat;

/// <summary>The console asks the default story of a knowledge folder serving several, which the command line may choose.</summary>
public sealed class AskStoryTests : IDisposable
{
    private const string FerryQuestion = "How much does the ferry terminal cost?\n";

    private readonly TwoStoryKnowledge _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    private async Task<JsonElement> AskAsync(params string[] settings)
    {
        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync(FerryQuestion, ["ask", "--json", $"--Knowledge:Path={_knowledge.Path}", .. settings]);
        Assert.True(exitCode == 0, stderr);
        return JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).RootElement;
    }

    private static IEnumerable<string?> CitedIds(JsonElement reply) =>
        reply.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("id").GetString());

    [Theory]
    [InlineData("--story", TwoStoryKnowledge.Harbour)]
    [InlineData("--story=" + TwoStoryKnowledge.Harbour, null)]
    [InlineData("--Stories:Default=" + TwoStoryKnowledge.Harbour, null)]
    public async Task TheStoryChosenOnTheCommandLineAnswers(string option, string? value)
    {
        var reply = await AskAsync(value is null ? [option] : [option, value]);

        Assert.False(reply.GetProperty("abstained").GetBoolean());
        Assert.Contains("cost-52m", CitedIds(reply));
    }

    [Fact]
    public async Task AnotherStoryChosenDoesNotAnswerFromTheHarbourStory()
    {
        var reply = await AskAsync("--story", TwoStoryKnowledge.Stargate);

        Assert.DoesNotContain("cost-52m", CitedIds(reply));
        Assert.DoesNotContain("cost-40m", CitedIds(reply));
    }
}
