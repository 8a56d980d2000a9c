using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Slack.Tests.Fakes;

/// <summary>Replies shaped like the answer engine's, citing real excerpts of the story.</summary>
internal static class TestReplies
{
    /// <summary>Excerpt <c>musk-claims-no-money</c> of knowledge/sources/stargate-dispute.de.txt, paragraph 4.</summary>
    public const string MuskQuote = "Elon Musk behauptet, dass Stargate nicht über das Geld verfügt, über das es angeblich verfügt.";

    public static Citation MuskCitation { get; } = new(
        "musk-claims-no-money",
        "stargate-dispute",
        4,
        MuskQuote,
        "Elon Musk claims that Stargate does not have the money it supposedly has.",
        "Musk on X, Tuesday");

    public static Reply Answer(string question, params Citation[] citations) => new()
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

    public static Reply Reported(string question) => new()
    {
        Question = question,
        Language = Language.English,
        Kind = ReplyKind.Notice,
        Body = [TextRun.Plain("Thanks, the answer was reported to the moderators.")],
    };
}
