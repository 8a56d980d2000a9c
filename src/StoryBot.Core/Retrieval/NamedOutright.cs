namespace StoryBot.Core.Retrieval;

/// <summary>
/// The entities a question names by one of their names, whole: "mgx", "softbanks", "musk's
/// company". A word that is only part of a longer name does not count ("funding" is not MGX's
/// "Fund", nor "data" the Abilene data centre), and a word inside a longer name the question
/// writes out names only that ("musk" in "musk's company" is xAI, not Musk).
/// </summary>
internal static class NamedOutright
{
    /// <summary>An inflection a question may add to a one-word name ("Musks", "SoftBanks").</summary>
    private const int MaxEnding = 2;

    /// <returns>Per name found, the entities it may be; each list holds at least one.</returns>
    public static List<IReadOnlyList<string>> In(AnalyzedQuestion question, PassageIndex index)
    {
        var named = new List<IReadOnlyList<string>>();
        var inLongNames = new HashSet<int>();
        foreach (var name in index.EntityNames)
        {
            if (name.Words.Count > 1 && Find(question.Surface, name.Words) is { } at)
            {
                named.Add([name.Entity]);
                inLongNames.UnionWith(Enumerable.Range(at, name.Words.Count));
            }
        }

        foreach (var term in question.Terms)
        {
            var standsAlone = question.Surface.Where((word, position) => word == term.Word && !inLongNames.Contains(position)).Any();
            var ids = standsAlone
                ? term.Names.Where(id => index.EntityNames.Any(name => name.Entity == id && name.Words.Count == 1 && IsWritten(term.Word, name.Words[0]))).ToList()
                : [];
            if (ids.Count > 0)
            {
                named.Add(ids);
            }
        }

        return named;
    }

    private static bool IsWritten(string word, string name) =>
        word.StartsWith(name, StringComparison.Ordinal) && word.Length - name.Length <= MaxEnding;

    private static int? Find(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        for (var i = 0; i + phrase.Count <= words.Count; i++)
        {
            if (Enumerable.Range(0, phrase.Count).All(j => words[i + j] == phrase[j]))
            {
                return i;
            }
        }

        return null;
    }
}
