using System.Text.Json;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.ConsoleChat;

/// <summary>The <c>ask --json</c> contract scripts rely on: one JSON object per input line on stdout, logs on stderr.</summary>
public sealed class AskJsonContractTests
{
    private static readonly string Source = StoryBot.Testing.RepositoryFiles.StorySource;

    [Fact]
    public async Task WritesExactlyOneJsonObjectPerLineWithVerbatimCitations()
    {
        var input = string.Join('\n', "How much money could flow into Stargate?", "/who-is altman", "Was hat Apple angekündigt?", "", "/dispute") + "\n";

        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync(input, "ask", "--json");

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        var replies = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        foreach (var reply in replies)
        {
            Assert.Equal(
                ["question", "language", "abstained", "text", "citations"],
                reply.EnumerateObject().Select(p => p.Name));
            foreach (var citation in reply.GetProperty("citations").EnumerateArray())
            {
                Assert.Equal(["id", "source", "paragraph", "quote", "translation"], citation.EnumerateObject().Select(p => p.Name));
                Assert.Contains(citation.GetProperty("quote").GetString()!, Source, StringComparison.Ordinal);
            }
        }

        Assert.Equal("How much money could flow into Stargate?", replies[0].GetProperty("question").GetString());
        Assert.Equal("en", replies[0].GetProperty("language").GetString());
        Assert.False(replies[0].GetProperty("abstained").GetBoolean());
        Assert.Equal("stargate-up-to-500bn", replies[0].GetProperty("citations")[0].GetProperty("id").GetString());
        Assert.Equal(3, replies[0].GetProperty("citations")[0].GetProperty("paragraph").GetInt32());

        Assert.Equal("de", replies[2].GetProperty("language").GetString());
        Assert.True(replies[2].GetProperty("abstained").GetBoolean());
        Assert.Equal(0, replies[2].GetProperty("citations").GetArrayLength());
    }

    [Fact]
    public async Task BadInputStillGetsOneJsonObjectPerLineAndLogsStayOnStderr()
    {
        string[] questions =
        [
            "   \t ",
            new string('x', 10_000),
            "who is \u0007altman\u001b[31m?",
            "🚀🔥💰",
            "Wie viel money hat SoftBank laut Musk secured?",
            "@everyone <!channel> **what** did <b>Musk</b> claim?",
            "/who-is",
        ];

        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync(
            string.Join('\n', questions) + "\n", "ask", "--json", "--Logging:LogLevel:Default=Information");

        Assert.True(exitCode == 0, stderr);
        var replies = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(questions, replies.Select(r => r.GetProperty("question").GetString()));
        Assert.All(replies, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("text").GetString())));
        Assert.Contains("10,000", replies[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("info:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisableInOneRunIsGoneFromTheNextAndStdoutStaysPureJson()
    {
        using var file = new StateFile();
        var state = $"Data Source={file.Path}";
        const string Question = "How much money has been committed to Stargate so far?\n";

        var before = await StoryBotProcess.RunAsync(Question, "ask", "--json", $"--Storage:ConnectionString={state}");
        await StoryBotProcess.RunAsync("/sources disable partners-committed-100bn checked against the release\n", "ask", "--json", $"--Storage:ConnectionString={state}");
        var after = await StoryBotProcess.RunAsync(Question, "ask", "--json", $"--Storage:ConnectionString={state}");

        Assert.Contains("partners-committed-100bn", before.Stdout, StringComparison.Ordinal);
        var line = Assert.Single(after.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var reply = JsonDocument.Parse(line).RootElement;
        Assert.DoesNotContain("partners-committed-100bn", reply.GetProperty("citations").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportInALaterRunFlagsTheLatestAnswerAndLandsInTheModeratorsQueue()
    {
        using var file = new StateFile();
        var state = $"--Storage:ConnectionString=Data Source={file.Path}";
        const string Question = "How much money has been committed to Stargate so far?";

        var asked = await StoryBotProcess.RunAsync(Question + "\n", "ask", "--json", state);
        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync("/report the figure looks wrong\n/sources reports\n", "ask", "--json", state);

        Assert.True(asked.ExitCode == 0 && exitCode == 0, asked.Stderr + stderr);
        var replies = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, replies.Count);
        var filed = replies[0].GetProperty("text").GetString()!;
        Assert.Contains("report #1", filed, StringComparison.Ordinal);
        Assert.Contains(Question, filed, StringComparison.Ordinal);
        var queue = replies[1].GetProperty("text").GetString()!;
        Assert.Contains("#1", queue, StringComparison.Ordinal);
        Assert.Contains("the figure looks wrong", queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuestionsTheStoryLeftOpenAreListedForTheOperatorInALaterRun()
    {
        var state = $"--Storage:ConnectionString=Data Source={Path.Combine(Path.GetTempPath(), "storybot-unanswered-" + Guid.NewGuid().ToString("N") + ".db")}";

        await StoryBotProcess.RunAsync("who won the lawsuit?\n@everyone Who won the lawsuit? \nHow much did xAI spend in Memphis?\n", "ask", "--json", state);
        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync("/sources unanswered\n", "ask", "--json", state);

        Assert.True(exitCode == 0, stderr);
        var listed = JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("text").GetString()!;
        Assert.Contains("2× who won the lawsuit?", listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Memphis", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("everyone", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainAddsTheEvidencePerCandidateAndKeepsTheContractFields()
    {
        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync("<@123> how much did xai spend in memphis?\n", "ask", "--json", "--explain");

        Assert.True(exitCode == 0, stderr);
        var reply = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Equal(["question", "language", "abstained", "text", "citations", "explain"], reply.EnumerateObject().Select(p => p.Name));
        var explain = reply.GetProperty("explain");
        Assert.Equal("how much did xai spend in memphis?", explain.GetProperty("cleaned").GetString());
        var best = explain.GetProperty("candidates")[0];
        Assert.Equal("xai-memphis-12bn", best.GetProperty("excerptId").GetString());
        Assert.True(best.GetProperty("coverage").GetDouble() > 0.5);
        Assert.True(best.GetProperty("semantic").GetDouble() > 0);
        Assert.StartsWith("answers", explain.GetProperty("decision").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskOnceAnswersAndExits()
    {
        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync(string.Empty, "ask", "Wer", "ist", "Sam", "Altman?");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("OpenAI", stdout, StringComparison.Ordinal);
        Assert.Contains("¶2", stdout, StringComparison.Ordinal);
    }
}
