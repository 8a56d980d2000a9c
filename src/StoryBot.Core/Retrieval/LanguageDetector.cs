using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Tells English from German by the words a question uses: function words of each language,
/// words the pack uses in only one language, the look of words it never uses, and German
/// letters. Where the words that know their language are even, the user's own language decides
/// before the look of unknown words: a name the story does not know ("Texas?") looks like either.
/// </summary>
internal static class LanguageDetector
{
    private static readonly System.Buffers.SearchValues<char> GermanLetters = System.Buffers.SearchValues.Create("äöüÄÖÜß„");

    public static Language Detect(string text, IReadOnlyList<string> surface, PassageIndex index, Language? preferred)
    {
        var lexicon = Lexicon.Default;
        var english = 0.0;
        var german = 0.0;
        var looks = 0.0;
        for (var position = 0; position < surface.Count; position++)
        {
            var word = surface[position];

            // The first word is most often the question word, and it says the most.
            var signal = position == 0 ? 2.0 : 1.0;
            var inEnglish = lexicon.EnglishStopWords.Contains(word);
            var inGerman = lexicon.GermanStopWords.Contains(word);
            if (inEnglish != inGerman)
            {
                (inEnglish ? ref english : ref german) += signal;
                continue;
            }

            // A proper name reads the same in both languages, whatever the article's spelling.
            if (index.EntitiesNamedBy(word).Any(id => index.Pack.FindEntity(id)?.Kind is EntityKind.Person or EntityKind.Organisation or EntityKind.Project))
            {
                continue;
            }

            var packEnglish = index.EnglishWords.Contains(word);
            var packGerman = index.GermanWords.Contains(word);
            if (packEnglish != packGerman)
            {
                (packEnglish ? ref english : ref german) += signal / 2;
            }
            else if (!packEnglish)
            {
                // A word the story never uses still looks like one language or the other, but
                // a name it does not know ("deepseek") can look like either: it only tips a balance.
                looks += signal * index.WordLanguages.Lean(word);
            }
        }

        if (text.AsSpan().IndexOfAny(GermanLetters) >= 0)
        {
            german += 1.0;
        }

        return english > german ? Language.English
            : german > english ? Language.German
            : preferred ?? (looks > 0 ? Language.German : Language.English);
    }
}
