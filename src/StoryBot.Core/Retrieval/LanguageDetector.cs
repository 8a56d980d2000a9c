using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Tells English from German by the words a question uses: function words of each language,
/// words the pack uses in only one language, and German letters. Ties go to the fallback.
/// </summary>
internal static class LanguageDetector
{
    private static readonly System.Buffers.SearchValues<char> GermanLetters = System.Buffers.SearchValues.Create("äöüÄÖÜß„");

    public static Language Detect(string text, IReadOnlyList<string> surface, PassageIndex index, Language fallback)
    {
        var lexicon = Lexicon.Default;
        var english = 0.0;
        var german = 0.0;
        foreach (var word in surface)
        {
            var inEnglish = lexicon.EnglishStopWords.Contains(word);
            var inGerman = lexicon.GermanStopWords.Contains(word);
            if (inEnglish != inGerman)
            {
                (inEnglish ? ref english : ref german) += 1.0;
                continue;
            }

            var packEnglish = index.EnglishWords.Contains(word);
            var packGerman = index.GermanWords.Contains(word);
            if (packEnglish != packGerman)
            {
                (packEnglish ? ref english : ref german) += 0.5;
            }
        }

        if (text.AsSpan().IndexOfAny(GermanLetters) >= 0)
        {
            german += 1.0;
        }

        return english > german ? Language.English
            : german > english ? Language.German
            : fallback;
    }
}
