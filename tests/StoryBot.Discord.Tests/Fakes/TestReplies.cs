using System.Text.RegularExpressions;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Discord.Tests.Fakes;

public static partial class TestReplies
{
    /// <summary>Verbatim from knowledge/sources/stargate-dispute.de.txt, paragraph 5.</summary>
    public const string MuskQuote = "„Sie haben eigentlich nicht das Geld“, schrieb Musk in einem Serie von Beiträge auf X am Dienstag.";

    public static Reply Answer(string question = "Does Stargate have the money?") => new()
    {
        Question = question,
        Language = Language.English,
        Kind = ReplyKind.Answer,
        Body = [TextRun.Plain("Musk claims Stargate does not have the money; "), TextRun.Strong("Altman"), TextRun.Plain(" rebuts it.")],
        Citations =
        [
            new Citation("musk-they-dont-have-the-money", "stargate-dispute", 5, MuskQuote, "“They don't actually have the money,” Musk wrote in a series of posts on X on Tuesday.", "Musk on X, Tuesday"),
        ],
    };

    public static Reply Private(ReplyKind kind, string text) => new()
    {
        Question = string.Empty,
        Language = Language.English,
        Kind = kind,
        Body = [TextRun.Plain(text)],
    };

    /// <summary>Discord markdown back to the text it shows.</summary>
    public static string Unescape(string markdown) => Escaped().Replace(markdown, "$1");

    public static string SourceText() => File.ReadAllText(Path.Combine(RepoRoot(), "knowledge", "sources", "stargate-dispute.de.txt"));

    public static string RepoRoot() => StoryBot.Testing.RepositoryFiles.Root;

    [GeneratedRegex(@"\\([^\w\s])")]
    private static partial Regex Escaped();
}
