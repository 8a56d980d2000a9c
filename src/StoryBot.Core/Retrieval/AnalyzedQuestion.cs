using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>A content word of a question with every form that may match it in the pack.</summary>
/// <param name="Word">The folded word as typed.</param>
/// <param name="Forms">Surface, stems, synonyms, spelling corrections and compound parts.</param>
/// <param name="Weight">How much the word says about what is asked (rarer in the pack weighs more).</param>
/// <param name="Names">Entities the word itself names (not through a synonym), main names before aliases.</param>
internal sealed record QueryTerm(string Word, IReadOnlyList<string> Forms, double Weight)
{
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Some form of the word is in the pack: the story, its curation or a synonym of them.</summary>
    public bool Known { get; init; } = true;

    /// <summary>
    /// The entities every one of the terms names, in the order the first names them; none when a
    /// term names nobody or there are no terms. A question of names alone asks who that one is.
    /// </summary>
    public static List<string> NamesInCommon(IReadOnlyList<QueryTerm> terms)
    {
        List<string>? common = null;
        foreach (var term in terms)
        {
            if (term.Names.Count == 0)
            {
                return [];
            }

            common = common is null ? [.. term.Names] : [.. common.Where(term.Names.Contains)];
        }

        return common ?? [];
    }
}

/// <param name="Speaker">
/// When the question asks what someone said, the person or organisation it names first: only
/// their own words can answer it ("did SoftBank respond to Musk" is not answered by Altman's reply).
/// </param>
internal sealed record AnalyzedQuestion(
    Language Language,
    QuestionIntent Intent,
    IReadOnlyList<string> Surface,
    IReadOnlyList<QueryTerm> Terms,
    string? Speaker = null)
{
    /// <summary>
    /// Whose words answer when a <see cref="Speaker"/> is asked about: the speaker, and for an
    /// organisation the people known by its name ("Microsoft-Chef" is Satya Nadella).
    /// </summary>
    public IReadOnlySet<string> Voices { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the question asks for the whole story (its summary or timeline) rather than one fact.</summary>
    public StoryRequest Request { get; init; }

    /// <summary>A specific attribute the question asks for, which only an excerpt naming it can answer.</summary>
    public AskedAttribute? Attribute { get; init; }

    /// <summary>
    /// How many words at the start of <see cref="Surface"/> are names a long message mentioned
    /// before its question (<see cref="QuestionFocus"/>): context for the question, not its subject.
    /// </summary>
    public int ContextWords { get; init; }
}
