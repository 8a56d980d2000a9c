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

    /// <param name="preferred">The user's language, when known: it decides where the question's words do not.</param>
    public static AnalyzedQuestion Analyze(string question, PassageIndex index, Language? preferred)
    {
        var surface = JoinSplitNames(Words(question), index);
        var language = LanguageDetector.Detect(question, surface, index, preferred);
        var (intent, frame) = QuestionIntents.Read(surface);
        var attribute = AskedAttributes.Read(surface);
        var (request, requestFrame) = StoryRequests.Read(surface);
        frame.UnionWith(requestFrame);
        var terms = TermsOf(surface, frame, index);

        // "What role does SoftBank play in this?" asks who SoftBank is in the story: without its
        // framing only the name is left. "Welche Rolle spielt Musk in der Regierung?" asks for a
        // role in something named, so there the role is a word of the topic and stays. "Where does
        // Nadella fit in?" asks the same, not for a place.
        var involvement = intent is QuestionIntent.Open or QuestionIntent.Person or QuestionIntent.Overview or QuestionIntent.Place
            ? InvolvementQuestion.Frame(surface)
            : null;
        if (involvement is not null)
        {
            involvement.UnionWith(frame);
            var framed = TermsOf(surface, involvement, index);
            if (QueryTerm.NamesInCommon(framed).Count > 0)
            {
                terms = framed;
                intent = intent == QuestionIntent.Place ? QuestionIntent.Open : intent;
            }
        }

        // "How does Musk know that?" asks for his source, which its own words never name.
        if (SourceQuestion.Frame(surface) is { } source)
        {
            source.UnionWith(frame);
            intent = QuestionIntent.Open;
            terms = [.. TermsOf(surface, source, index), SourceTerm(index)];
        }

        // "Who claimed that SoftBank …" asks for the speaker: the name in it is the topic, not the one speaking.
        var speaker = intent != QuestionIntent.Person && QuestionIntents.AsksWhatSomeoneSaid(surface) ? FirstSpeakerNamed(terms, index) : null;
        return new AnalyzedQuestion(language, intent, surface, terms, speaker) { Request = request, Voices = VoicesOf(speaker, index), Attribute = attribute };
    }

    /// <summary>The content words of the question, each with its forms, leaving out those at <paramref name="frame"/>.</summary>
    private static List<QueryTerm> TermsOf(IReadOnlyList<string> surface, HashSet<int> frame, PassageIndex index)
    {
        var lexicon = Lexicon.Default;
        var excerptCount = Math.Max(1, index.Excerpts.Count);
        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var position = 0; position < surface.Count; position++)
        {
            var word = surface[position];
            if (frame.Contains(position) || !seen.Add(word) || !word.Any(char.IsLetterOrDigit)
                || lexicon.IsStopWord(word) || IsMistypedFiller(word, index))
            {
                continue;
            }

            var forms = FormsOf(word, index);
            var known = forms.Any(index.Contains);
            terms.Add(new QueryTerm(word, forms, Weight(forms, index, excerptCount))
            {
                Names = NamesOf(word, forms, index),
                Known = known,
            });
        }

        return terms;
    }

    /// <summary>A question's words as typed, folded, with English contractions written out.</summary>
    public static List<string> Words(string question) => StoryAnalyzers.Terms(StoryAnalyzers.Surface, Contractions.Expand(question));

    /// <summary>Two neighbouring words the pack knows only as one ("open ai" for "openai") are read as that one.</summary>
    private static List<string> JoinSplitNames(List<string> words, PassageIndex index)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var joined = words[i] + words[i + 1];
            if (words[i].All(char.IsLetter) && words[i + 1].All(char.IsLetter)
                && !index.Contains(words[i]) && index.Contains(joined))
            {
                words[i] = joined;
                words.RemoveAt(i + 1);
            }
        }

        return words;
    }

    private static List<string> FormsOf(string word, PassageIndex index)
    {
        var forms = Expand(TermForms.StemsOf(word), index);
        if (forms.Any(index.Contains))
        {
            return forms;
        }

        if (Undoubled(word, index) is { } single)
        {
            return single;
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
            // A word is never read as a typo of filler the pack happens to contain ("weather" is not "whether").
            var near = index.NearWords(word, maxEdits).Where(w => !Lexicon.Default.IsStopWord(w)).ToList();
            if (near.Count > 0)
            {
                return Expand(near.SelectMany(TermForms.StemsOf), index);
            }
        }

        return Expand(forms.Concat(CompoundParts(word, index)), index);
    }

    /// <summary>
    /// "cheff", "altmann": a letter typed twice is the commonest slip in chat, and short words
    /// ("chef") are too short to be read as typos by distance. The word with the letter once, when
    /// that is a word the pack or its synonyms know.
    /// </summary>
    private static List<string>? Undoubled(string word, PassageIndex index)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (word[i] == word[i - 1] && char.IsLetter(word[i]))
            {
                var single = word.Remove(i, 1);
                var forms = Expand(TermForms.StemsOf(single), index);
                if (!Lexicon.Default.IsStopWord(single) && forms.Any(form => index.Contains(form) && !Lexicon.Default.IsStopWord(form)))
                {
                    return forms;
                }
            }
        }

        return null;
    }

    /// <summary>"Source" in the words of the pack that a text naming a source would use, as one term.</summary>
    private static QueryTerm SourceTerm(PassageIndex index)
    {
        var forms = Expand(SourceQuestion.SourceWords.SelectMany(TermForms.StemsOf), index);
        return new QueryTerm(SourceQuestion.SourceWords[0], forms, Weight(forms, index, Math.Max(1, index.Excerpts.Count)))
        {
            Known = forms.Any(index.Contains),
        };
    }

    /// <summary>The speaker and, for an organisation, the people one of whose names holds the organisation's name.</summary>
    private static HashSet<string> VoicesOf(string? speaker, PassageIndex index)
    {
        var voices = new HashSet<string>(StringComparer.Ordinal);
        if (speaker is null || index.Pack.FindEntity(speaker) is not { } entity)
        {
            return voices;
        }

        voices.Add(speaker);
        if (entity.Kind == EntityKind.Organisation)
        {
            voices.UnionWith(index.Pack.Entities
                .Where(e => e.Kind == EntityKind.Person && e.Aliases.Any(alias => NamesOrganisation(alias, entity.Name)))
                .Select(e => e.Id));
        }

        return voices;
    }

    private static bool NamesOrganisation(string alias, string organisation) =>
        alias.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Contains(organisation, StringComparer.OrdinalIgnoreCase);

    private static string? FirstSpeakerNamed(IEnumerable<QueryTerm> terms, PassageIndex index)
    {
        foreach (var term in terms)
        {
            var speaker = term.Names.FirstOrDefault(id => index.Pack.FindEntity(id)?.Kind is EntityKind.Person or EntityKind.Organisation);
            if (speaker is not null)
            {
                return speaker;
            }
        }

        return null;
    }

    /// <summary>
    /// The entities a word names by its own spelling or a near one, never through a synonym
    /// ("fund" is not MGX's "Fund"). An entity whose main name holds the word comes before one
    /// that only has it in an alias ("musk" is Elon Musk before "Musks Unternehmen").
    /// </summary>
    private static List<string> NamesOf(string word, IReadOnlyList<string> forms, PassageIndex index)
    {
        var own = TermForms.StemsOf(word).ToList();
        var spelled = own.Any(index.Contains) ? own : forms.Where(f => !f.Contains(':', StringComparison.Ordinal)).ToList();
        var named = spelled.SelectMany(index.EntitiesNamedBy).Distinct(StringComparer.Ordinal).ToList();
        return [.. named.OrderBy(id => MainNameHas(index.Pack.FindEntity(id), spelled) ? 0 : 1)];
    }

    private static bool MainNameHas(Entity? entity, IReadOnlyList<string> forms) =>
        entity is not null && TermForms.StemsOf(entity.Name).Any(forms.Contains);

    /// <summary>
    /// A word the pack does not know that is one typo away from filler ("happend"). A word of the
    /// story's synonyms is a word in its own right ("paying" is not a typo of "saying").
    /// </summary>
    private static bool IsMistypedFiller(string word, PassageIndex index)
    {
        if (word.Length < 6 || TermForms.StemsOf(word).Any(stem => index.Contains(stem) || index.Synonyms.Has(stem)))
        {
            return false;
        }

        var lexicon = Lexicon.Default;
        return lexicon.EnglishStopWords.Concat(lexicon.GermanStopWords)
            .Any(filler => filler.Length >= 5 && EditDistance.IsWithin(word, filler, 1));
    }

    private static List<string> Expand(IEnumerable<string> forms, PassageIndex index)
    {
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in forms)
        {
            expanded.UnionWith(index.Synonyms.Of(form));
        }

        return [.. expanded];
    }

    /// <summary>
    /// Splits "rechenzentrumsbetreiber" into parts the pack knows, linking 's' allowed. Failing
    /// that, a part the pack knows beside one that carries no topic ("milliardenbetrag") stands
    /// for the whole word.
    /// </summary>
    private static IEnumerable<string> CompoundParts(string word, PassageIndex index)
    {
        List<string>? withFiller = null;
        for (var split = MinCompoundPart; split <= word.Length - MinCompoundPart; split++)
        {
            var head = word[..split];
            var tail = word[split..];
            var rightForms = KnownForms(tail, index);
            foreach (var left in new[] { head, head.TrimEnd('s') })
            {
                if (left.Length < MinCompoundPart)
                {
                    continue;
                }

                var leftForms = KnownForms(left, index);
                if (leftForms.Count > 0 && rightForms.Count > 0)
                {
                    return leftForms.Concat(rightForms);
                }

                withFiller ??= leftForms.Count > 0 && Lexicon.Default.IsStopWord(tail) ? leftForms
                    : rightForms.Count > 0 && Lexicon.Default.IsStopWord(left) ? rightForms
                    : null;
            }
        }

        return withFiller ?? [];
    }

    /// <summary>
    /// The forms of a compound's part the pack has. Its own only: a synonym of a part is too far
    /// from the whole word: read through synonyms, questions the story cannot answer found answers.
    /// </summary>
    private static List<string> KnownForms(string part, PassageIndex index) => [.. TermForms.StemsOf(part).Where(index.Contains)];

    /// <summary>Inverse excerpt frequency: a word found nowhere weighs the most.</summary>
    private static double Weight(IReadOnlyList<string> forms, PassageIndex index, int excerptCount)
    {
        var excerpts = new HashSet<int>();
        foreach (var form in forms)
        {
            foreach (var posting in index.ExcerptPostingsOf(form))
            {
                excerpts.Add(posting.Excerpt);
            }
        }

        // A word found nowhere weighs like the rarest word the story has, not more: it may be a
        // paraphrase the lexicon lacks as easily as a topic the story lacks.
        return Math.Log(1.0 + (excerptCount / (Math.Max(1, excerpts.Count) + 0.5)));
    }
}
