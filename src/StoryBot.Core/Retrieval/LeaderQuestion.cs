using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// "Who is the CEO of SoftBank?", "Wer leitet OpenAI?": a question for whoever leads an
/// organisation. Only a statement that ties a leader's title to that organisation answers it
/// ("CEO of OpenAI", "heads the Department of Government Efficiency"); one that merely names the
/// organisation beside somebody's title elsewhere (SoftBank in the reply of OpenAI's CEO) does not.
/// </summary>
internal static class LeaderQuestion
{
    /// <summary>At most this many words between a title and the name it belongs to ("CEO of the OpenAI").</summary>
    private const int MaxGap = 2;

    // Folded as the surface analyzer folds them (umlauts to plain letters).
    private static readonly HashSet<string> LeaderWords = new(
        ["ceo", "ceos", "chief", "head", "heads", "headed", "heading", "boss", "bosses", "leader", "leaders", "lead", "leads", "led",
         "leading", "run", "runs", "running", "ran", "chairman", "chairwoman", "chair", "director", "president", "founder", "founded",
         "owner", "owns", "chef", "chefin", "leiter", "leiterin", "leitet", "leiten", "leitete", "geleitet", "geleitete", "geleiteten",
         "fuhrt", "fuhrte", "fuhren", "gefuhrt", "gefuhrte", "gefuhrten", "prasident", "prasidentin", "vorsitzender", "vorsitzende",
         "vorstand", "vorstandschef", "grunder", "grunderin", "gegrundet", "grundete", "besitzer", "gehort"],
        StringComparer.Ordinal);

    /// <summary>The organisation (or project, or place) whose leader the question asks for; null when it asks nothing of the kind.</summary>
    public static Entity? OrganisationAsked(AnalyzedQuestion question, PassageIndex index)
    {
        if (question.Intent != QuestionIntent.Person)
        {
            return null;
        }

        foreach (var term in question.Terms)
        {
            var named = term.Names.Select(index.Pack.FindEntity).FirstOrDefault(e => e is not null && e.Kind != EntityKind.Person);
            var at = IndexOf(question.Surface, term.Word);
            if (named is not null && at >= 0 && NearLeaderWord(question.Surface, at))
            {
                return named;
            }
        }

        return null;
    }

    /// <summary>Whether the passage, in either language, ties a leader's title to one of the organisation's <see cref="NameWords"/>.</summary>
    public static bool TiesLeaderTo(Passage passage, IReadOnlySet<string> organisationNames) =>
        TiesLeaderTo(passage.Text.En, organisationNames) || TiesLeaderTo(passage.Text.De, organisationNames);

    private static bool TiesLeaderTo(string text, IReadOnlySet<string> names)
    {
        var words = StoryAnalyzers.Terms(StoryAnalyzers.Surface, text);
        for (var i = 0; i < words.Count; i++)
        {
            if (names.Contains(words[i]) && NearLeaderWord(words, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The words of the entity's names, without the small words inside them ("of" in "United States of America").</summary>
    public static HashSet<string> NameWords(Entity entity)
    {
        var lexicon = Lexicon.Default;
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in entity.Aliases.Prepend(entity.Name))
        {
            var parts = StoryAnalyzers.Terms(StoryAnalyzers.Surface, name);
            words.UnionWith(parts.Count == 1
                ? parts
                : parts.Where(word => word.Length > 1 && !lexicon.EnglishStopWords.Contains(word) && !lexicon.GermanStopWords.Contains(word)));
        }

        return words;
    }

    private static bool NearLeaderWord(IReadOnlyList<string> words, int at)
    {
        for (var i = Math.Max(0, at - MaxGap - 1); i <= Math.Min(words.Count - 1, at + MaxGap + 1); i++)
        {
            if (i != at && LeaderWords.Contains(words[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(IReadOnlyList<string> words, string word)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == word)
            {
                return i;
            }
        }

        return -1;
    }
}
