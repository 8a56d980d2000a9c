using System.Collections.Concurrent;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// The forms a word is matched by: its folded surface form and its English and German stems.
/// Passages and questions both go through here, so they always meet on the same forms.
/// </summary>
internal static class TermForms
{
    /// <summary>Words seen often (question words, the story's names) are stemmed once; the cap keeps odd input from growing it forever.</summary>
    private const int MaxRemembered = 20_000;

    private const int MaxRememberedLength = 40;

    // Running three Lucene analysis chains costs microseconds per word, and analysing one
    // question asks for the forms of the same words several times.
    private static readonly ConcurrentDictionary<string, string[]> Remembered = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> StemsOf(string text)
    {
        if (Remembered.TryGetValue(text, out var known))
        {
            return known;
        }

        string[] forms =
        [
            .. StoryAnalyzers.Terms(StoryAnalyzers.Surface, text),
            .. StoryAnalyzers.Terms(StoryAnalyzers.English, text).Select(stem => "en:" + stem),
            .. StoryAnalyzers.Terms(StoryAnalyzers.German, text).Select(stem => "de:" + stem),
        ];
        if (text.Length <= MaxRememberedLength && Remembered.Count < MaxRemembered)
        {
            Remembered.TryAdd(text, forms);
        }

        return forms;
    }
}
