namespace StoryBot.Core.Retrieval;

/// <summary>
/// The forms a pack's texts are indexed by, and the surface words it uses in each language: a
/// question's words are told English or German by which of the pack's texts use them.
/// </summary>
internal sealed class PackWords
{
    public HashSet<string> English { get; } = new(StringComparer.Ordinal);

    public HashSet<string> German { get; } = new(StringComparer.Ordinal);

    /// <summary>Each text's surface words and its stems in its own language.</summary>
    /// <param name="countWords">Whether the texts' words tell the languages apart (statements, quotes; not names).</param>
    public HashSet<string> FormsOf(string en, string de, bool countWords)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var surface in StoryAnalyzers.Terms(StoryAnalyzers.Surface, en))
        {
            forms.Add(surface);
            if (countWords)
            {
                English.Add(surface);
            }
        }

        foreach (var surface in StoryAnalyzers.Terms(StoryAnalyzers.Surface, de))
        {
            forms.Add(surface);
            if (countWords)
            {
                German.Add(surface);
            }
        }

        foreach (var stem in StoryAnalyzers.Terms(StoryAnalyzers.English, en))
        {
            forms.Add("en:" + stem);
        }

        foreach (var stem in StoryAnalyzers.Terms(StoryAnalyzers.German, de))
        {
            forms.Add("de:" + stem);
        }

        return forms;
    }
}
