namespace StoryBot.Core.Retrieval;

/// <summary>
/// The entities a question names by one of their names, whole: "mgx", "softbanks", "musk's
/// company". A word that is only part of a longer name does not count ("funding" is not MGX's
/// "Fund", nor "data" the Abilene data centre), and a word inside a longer name the question
/// writes out names only that ("musk" in "musk's company" is xAI, not Musk). Names a long message
/// mentioned before its question are its context, not what the amount is asked of.
/// </summary>
internal static class NamedOutright
{
    /// <summary>An inflection a question may add to a one-word name ("Musks", "SoftBanks").</summary>
    private const int MaxEnding = 2;

    /// <returns>Per name found, the entities it may be; each list holds at least one.</returns>
    public static List<IReadOnlyList<string>> In(AnalyzedQuestion question, PassageIndex index)
    {
        var named = new List<IReadOnlyList<string>>();
        var surface = question.Surface;
        var inLongNames = new HashSet<int>();
        for (var at = question.ContextWords; at < surface.Count; at++)
        {
            if (!index.EntityNamesByFirstWord.TryGetValue(surface[at], out var names))
            {
                continue;
            }

            foreach (var name in names)
            {
                if (name.Words.Count > 1 && StandsAt(surface, at, name.Words))
                {
                    named.Add([name.Entity]);
                    inLongNames.UnionWith(Enumerable.Range(at, name.Words.Count));
                }
            }
        }

        foreach (var term in question.Terms)
        {
            var standsAlone = surface.Where((word, position) => word == term.Word && position >= question.ContextWords && !inLongNames.Contains(position)).Any();
            var ids = standsAlone ? term.Names.Where(id => IsOneWordNameOf(term.Word, id, index)).ToList() : [];
            if (ids.Count > 0)
            {
                named.Add(ids);
            }
        }

        return named;
    }

    /// <summary>Whether the word is a one-word name of the entity, or one with an inflection added.</summary>
    private static bool IsOneWordNameOf(string word, string entity, PassageIndex index)
    {
        for (var length = word.Length; length >= Math.Max(1, word.Length - MaxEnding); length--)
        {
            if (index.EntityNamesByFirstWord.TryGetValue(word[..length], out var names)
                && names.Any(name => name.Entity == entity && name.Words.Count == 1))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StandsAt(IReadOnlyList<string> words, int at, IReadOnlyList<string> phrase)
    {
        if (at + phrase.Count > words.Count)
        {
            return false;
        }

        for (var j = 0; j < phrase.Count; j++)
        {
            if (words[at + j] != phrase[j])
            {
                return false;
            }
        }

        return true;
    }
}
