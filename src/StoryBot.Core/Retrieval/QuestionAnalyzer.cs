using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Turns a question into weighted content terms: stop words and chat filler dropped, each
/// remaining word expanded to its stems, synonyms, near spellings of words the pack knows,
/// and the parts of a German compound.
/// </summary>
internal static class QuestionAnalyzer
{
    private const int MinCompoundPart = 4;

    public static AnalyzedQuestion Analyze(string question, PassageIndex index, Language fallback)
    {
        var surface = StoryAnalyzers.Terms(StoryAnalyzers.Surface, question);
        var language = LanguageDetector.Detect(question, surface, index, fallback);
        var intent = QuestionIntents.Read(surface);
        var lexicon = Lexicon.Default;
        var passageCount = Math.Max(1, index.Passages.Count);

        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in surface)
        {
            if (lexicon.IsStopWord(word) || !seen.Add(word) || !word.Any(char.IsLetterOrDigit))
            {
                continue;
            }

            var forms = FormsOf(word, index);
            terms.Add(new QueryTerm(word, forms, Weight(forms, index, passageCount)));
        }

        return new AnalyzedQuestion(language, intent, surface, terms);
    }

    private static List<string> FormsOf(string word, PassageIndex index)
    {
        var forms = Expand(TermForms.StemsOf(word));
        if (forms.Any(index.Contains))
        {
            return forms;
        }

        // A word the pack never uses: maybe a typo of one it does, or a German compound of two.
        var maxEdits = word.Length switch
        {
            <= 3 => 0,
            <= 6 => 1,
            _ => 2,
        };
        if (maxEdits > 0 && !word.Any(char.IsDigit))
        {
            var near = index.NearWords(word, maxEdits).ToList();
            if (near.Count > 0)
            {
                return Expand(near.SelectMany(TermForms.StemsOf));
            }
        }

        return Expand(forms.Concat(CompoundParts(word, index)));
    }

    private static List<string> Expand(IEnumerable<string> forms)
    {
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in forms)
        {
            expanded.UnionWith(Lexicon.Default.Synonyms(form));
        }

        return [.. expanded];
    }

    /// <summary>Splits "rechenzentrumsbetreiber" into parts the pack knows, linking 's' allowed.</summary>
    private static IEnumerable<string> CompoundParts(string word, PassageIndex index)
    {
        for (var split = MinCompoundPart; split <= word.Length - MinCompoundPart; split++)
        {
            var head = word[..split];
            var tail = word[split..];
            foreach (var left in new[] { head, head.TrimEnd('s') })
            {
                var leftForms = TermForms.StemsOf(left).Where(index.Contains).ToList();
                var rightForms = TermForms.StemsOf(tail).Where(index.Contains).ToList();
                if (left.Length >= MinCompoundPart && leftForms.Count > 0 && rightForms.Count > 0)
                {
                    return leftForms.Concat(rightForms);
                }
            }
        }

        return [];
    }

    /// <summary>Inverse passage frequency: a word found nowhere weighs the most.</summary>
    private static double Weight(IReadOnlyList<string> forms, PassageIndex index, int passageCount)
    {
        var passages = new HashSet<int>();
        foreach (var form in forms)
        {
            foreach (var passage in index.PostingsOf(form))
            {
                passages.Add(passage);
            }
        }

        return Math.Log(1.0 + (passageCount / (passages.Count + 0.5)));
    }
}
