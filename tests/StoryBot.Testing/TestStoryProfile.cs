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
        Topics = Enum.GetValues<Topic>().ToDictionary(t => t, t => new StoryTopic(Text(t.ToString(), t.ToString()), null)),
    };

    private static TextInLanguages Text(string en, string de) => new(new Dictionary<string, string> { ["en"] = en, ["de"] = de });
}
