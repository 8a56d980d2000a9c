namespace StoryBot.Hosting;

internal enum RunKind
{
    /// <summary>Serve the configured platforms, or the console chat when none is configured.</summary>
    Serve,

    /// <summary><c>ask "question"</c>: answer once and exit.</summary>
    AskOnce,

    /// <summary><c>ask --json</c>: one question per stdin line, one JSON object per stdout line.</summary>
    AskJson,

    /// <summary><c>healthcheck</c>: ask the running bot's readiness endpoint; exit 0 when ready.</summary>
    HealthCheck,
}

/// <summary>What the command line asks for; everything after the mode goes to configuration.</summary>
/// <param name="Explain">Show, per candidate excerpt, the evidence behind the answer (<c>--explain</c>).</param>
/// <param name="Record">
/// Record the answers and tally the unanswered questions, as answers in chat are; off with
/// <c>--no-record</c>, so an evaluation run leaves the curators' figures as they were.
/// </param>
internal sealed record RunMode(RunKind Kind, string? Question, string[] HostArgs, bool Explain = false, bool Record = true)
{
    public static RunMode Parse(string[] args)
    {
        if (args.Length > 0 && args[0] == "healthcheck")
        {
            return new RunMode(RunKind.HealthCheck, null, args[1..]);
        }

        if (args.Length == 0 || args[0] != "ask")
        {
            return new RunMode(RunKind.Serve, null, args);
        }

        var rest = args.Skip(1).ToList();
        var explain = rest.Remove("--explain");
        var record = !rest.Remove("--no-record");
        TakeStory(rest);
        if (rest.Remove("--json"))
        {
            return new RunMode(RunKind.AskJson, null, [.. rest], explain, record);
        }

        // The question is every word up to the first configuration switch (--Key=value).
        var words = rest.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        return new RunMode(RunKind.AskOnce, string.Join(' ', words), [.. rest.Skip(words.Count)], explain, record);
    }

    /// <summary>
    /// <c>--story &lt;id&gt;</c> (or <c>--story=&lt;id&gt;</c>) asks the story of that id, served beside the others
    /// under Knowledge:Path: it stands for <c>--Stories:Default=&lt;id&gt;</c>, moved behind the question.
    /// </summary>
    private static void TakeStory(List<string> rest)
    {
        const string Option = "--story";
        var at = rest.FindIndex(a => a == Option || a.StartsWith(Option + "=", StringComparison.Ordinal));
        if (at < 0)
        {
            return;
        }

        var story = rest[at].Length > Option.Length ? rest[at][(Option.Length + 1)..] : at + 1 < rest.Count ? rest[at + 1] : string.Empty;
        rest.RemoveRange(at, rest[at].Length > Option.Length || at + 1 == rest.Count ? 1 : 2);
        rest.Add($"--{Core.Knowledge.Loading.StoriesOptions.Section}:Default={story}");
    }
}
