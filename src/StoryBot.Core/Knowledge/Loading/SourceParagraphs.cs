using System.Text;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Splits a source text into content paragraphs: blocks of lines separated by blank lines, trimmed.
/// Lines whose trimmed text is listed as not content (page furniture such as a stray tracking tag)
/// are dropped before paragraphs are formed, so they are never numbered and never quotable.
/// </summary>
internal static class SourceParagraphs
{
    public sealed record Result(IReadOnlyList<string> Paragraphs, IReadOnlySet<string> RemovedLines);

    public static Result Split(string text, IReadOnlyCollection<string> notContent)
    {
        var paragraphs = new List<string>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var block = new StringBuilder();

        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && notContent.Contains(trimmed))
            {
                removed.Add(trimmed);
                continue;
            }

            if (trimmed.Length == 0)
            {
                Flush(block, paragraphs);
                continue;
            }

            if (block.Length > 0)
            {
                block.Append('\n');
            }

            block.Append(line);
        }

        Flush(block, paragraphs);
        return new Result(paragraphs, removed);
    }

    private static void Flush(StringBuilder block, List<string> paragraphs)
    {
        var paragraph = block.ToString().Trim();
        if (paragraph.Length > 0)
        {
            paragraphs.Add(paragraph);
        }

        block.Clear();
    }
}
