namespace StoryBot.Core.Retrieval;

/// <summary>
/// The forms a word is matched by: its folded surface form and its English and German stems.
/// Passages and questions both go through here, so they always meet on the same forms.
/// </summary>
internal static class TermForms
{
    public static IEnumerable<string> StemsOf(string text)
    {
        foreach (var surface in StoryAnalyzers.Terms(StoryAnalyzers.Surface, text))
        {
            yield return surface;
        }

        foreach (var stem in StoryAnalyzers.Terms(StoryAnalyzers.English, text))
        {
            yield return "en:" + stem;
        }

        foreach (var stem in StoryAnalyzers.Terms(StoryAnalyzers.German, text))
        {
            yield return "de:" + stem;
        }
    }
}
