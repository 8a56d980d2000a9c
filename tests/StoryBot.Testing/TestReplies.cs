using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Testing;

/// <summary>Replies shaped like the answer engine's, citing a real excerpt of the story, for adapter tests that need no engine.</summary>
public static class TestReplies
{
    /// <summary>Excerpt <c>musk-they-dont-have-the-money</c> of knowledge/sources/stargate-dispute.de.txt, paragraph 5, verbatim.</summary>
    public const string MuskQuote = "„Sie haben eigentlich nicht das Geld“, schrieb Musk in einem Serie von Beiträge auf X am Dienstag.";

    public static Citation MuskCitation { get; } = new(
        "musk-they-dont-have-the-money",
        "stargate-dispute",
        5,
        MuskQuote,
        "“They don't actually have the money,” Musk wrote in a series of posts on X on Tuesday.",
        "Musk on X, Tuesday");

    /// <summary>An answer whose body echoes the question as user text, so renderers' escaping shows.</summary>
    public static Reply Answer(string question = "Does Stargate have the money?", params Citation[] citations) => new()
    {
        Question = question,
        Language = Language.English,
        Kind = ReplyKind.Answer,
        Body = [TextRun.Strong("Musk"), TextRun.Plain(" says Stargate lacks the money (you asked: "), TextRun.User(question), TextRun.Plain(").")],
        Citations = citations.Length == 0 ? [MuskCitation] : citations,
    };

    public static Reply Help(string question) => new()
    {
        Question = question,
        Language = Language.English,
        Kind = ReplyKind.Help,
        Body = [TextRun.Plain("Commands: /who-is, /funding, /dispute, /timeline, /summary, /ask, /sources, /help")],
    };

    public static Reply Reported(string question) => Private(ReplyKind.Notice, "Thanks, the answer was reported to the moderators.", question);

    public static Reply Private(ReplyKind kind, string text, string question = "") => new()
    {
        Question = question,
        Language = Language.English,
        Kind = kind,
        Body = [TextRun.Plain(text)],
    };
}
