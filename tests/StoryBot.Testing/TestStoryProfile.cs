using StoryBot.Core.Knowledge;

namespace StoryBot.Testing;

/// <summary>A story profile for packs the tests build by hand, whose own texts the tests do not look at.</summary>
public static class TestStoryProfile
{
    public static StoryProfile Create(string id = "test-story") => new()
    {
        Id = id,
        Title = Text("A test story", "Eine Testgeschichte"),
        Description = Text("A story written for the tests.", "Eine Geschichte für die Tests."),
        Welcome = Text("Ask me about the test story.", "Fragen Sie mich zur Testgeschichte."),
        Help = Text("I answer questions about the test story.", "Ich beantworte Fragen zur Testgeschichte."),
        WhoIsExample = Text("Someone", "Jemand"),
        Greeting = Text("ask about the test story.", "fragen Sie zur Testgeschichte."),
        Topics = TestStoryProfile.Topics,
    };

    /// <summary>
    /// The topics of the repository's story, with its commands, summary sections and roles but not its words:
    /// hand-built packs file their facts under these ids.
    /// </summary>
    public static IReadOnlyList<StoryTopic> Topics { get; } =
    [
        new("funding", Text("Funding", "Funding"))
        {
            Command = new(Text("funding", "finanzierung"), Text("The money.", "Das Geld."), Text("the money", "das Geld")),
            Summary = new(Text("The money:", "Das Geld:")) { FiguresOnly = true },
        },
        new("dispute", Text("Dispute", "Dispute"))
        {
            Command = new(Text("dispute", "streit"), Text("The dispute.", "Der Streit."), Text("the dispute", "der Streit")),
            Summary = new(Text("The dispute:", "Der Streit:")) { ArticleVoiceFirst = true },
            Speakers = true,
        },
        new("people", Text("People", "People")) { Speakers = true, Role = TopicRole.People },
        new("timeline", Text("Timeline", "Timeline")),
        new("places", Text("Places", "Places")),
    ];

    private static TextInLanguages Text(string en, string de) => new(new Dictionary<string, string> { ["en"] = en, ["de"] = de });
}
