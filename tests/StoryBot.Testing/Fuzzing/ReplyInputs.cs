using System.Text;
using CsCheck;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Testing.Fuzzing;

/// <summary>Replies for fuzzing a renderer: hostile user text, quotes far over any limit, many citations.</summary>
public static class ReplyInputs
{
    /// <summary>Units repeated past the platforms' limits: one endless word, many short lines, one huge grapheme.</summary>
    private static readonly string[] LongUnits = ["x", "word ", "a\n", "\n\n", "&<>", "😀", "\u0301", "@everyone ", "*_~`|", "\\"];

    public static readonly Gen<string> LongText = Gen.Select(Gen.OneOf(LongUnits), Gen.Int[500, 9000], Gen.String[0, 5], (unit, length, head) =>
    {
        var text = new StringBuilder(head);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString();
    });

    public static readonly Gen<string> Text = Gen.Frequency((6, JsonInputs.Text), (1, LongText));

    public static readonly Gen<TextRun> Run = Gen.Select(Text, Gen.Enum<RunStyle>(), (text, style) => new TextRun(text, style));

    public static readonly Gen<Citation> Citations = Gen.Select(
        Gen.Select(Gen.String[1, 30], Gen.String[1, 60], Gen.Int[1, 9999]),
        Gen.Select(Text, Text, Gen.Frequency((2, Text.Select(t => (string?)t)), (1, Gen.Const((string?)null)))),
        Gen.Bool,
        (where, texts, withdrawn) => new Citation(where.Item1, where.Item2, where.Item3, texts.Item1, texts.Item2, texts.Item3) { Withdrawn = withdrawn });

    public static readonly Gen<Reply> Replies = Gen.Select(
        Gen.Select(Text, Gen.Enum<Language>(), Gen.Enum<ReplyKind>()),
        Run.Array[0, 6],
        Citations.Array[0, 12],
        (head, body, citations) => new Reply { Question = head.Item1, Language = head.Item2, Kind = head.Item3, Body = body, Citations = citations });

    /// <summary>True when <paramref name="text"/> has a surrogate without its other half (which JSON cannot carry as UTF-8).</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every text a reply carries, to tell whether a lone surrogate came in or was made.</summary>
    public static IEnumerable<string> Texts(Reply reply) =>
        reply.Body.Select(run => run.Text)
            .Append(reply.Question)
            .Concat(reply.Citations.SelectMany(c => new[] { c.Id, c.Source, c.Quote, c.Translation, c.Attribution ?? string.Empty }));
}
