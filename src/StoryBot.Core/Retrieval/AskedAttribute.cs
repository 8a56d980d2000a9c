namespace StoryBot.Core.Retrieval;

/// <summary>
/// A specific attribute a question asks for ("which court", "how many employees", "the weather",
/// "who won"): only an excerpt whose own words or curated statements name it can answer. Without
/// this, an excerpt about the same thing shares most of the question's words and meaning and
/// answers a question the story leaves open.
/// </summary>
/// <param name="Word">The question's word that asks for it, as typed (folded).</param>
/// <param name="Evidence">Forms of which an excerpt's own texts must have one.</param>
internal sealed record AskedAttribute(string Word, IReadOnlyList<string> Evidence)
{
    public bool IsNamedBy(ExcerptProfile excerpt) => Evidence.Any(excerpt.Words.Contains);
}

internal static class AskedAttributes
{
    /// <param name="Asks">Words that ask for the attribute, folded as the surface analyzer folds.</param>
    /// <param name="Names">Words a text that states it would use; the asking words when not given.</param>
    /// <param name="OnlyAfterWhich">
    /// The word asks for the attribute only after "which"/"welche…": "which court" asks for one by
    /// name, "are they fighting in court" only about the lawsuit.
    /// </param>
    private sealed record Group(string[] Asks, string[]? Names = null, bool OnlyAfterWhich = false);

    // "What is it called" is left out: the story answers it by naming the thing, not by saying
    // "named", so the check would decline "wie heißt Musks KI-Firma".
    private static readonly Group[] Groups =
    [
        new(["weather", "wetter", "temperature", "temperatures", "temperatur", "forecast", "wettervorhersage", "rain", "regen"]),
        new(["acres", "acre", "hectares", "hectare", "hektar", "quadratmeter", "sqft"]),
        new(["employees", "employee", "employ", "employs", "workers", "staff", "jobs", "mitarbeiter", "beschaftigte", "angestellte", "arbeitsplatze"]),
        new(["won", "win", "wins", "winner", "gewonnen", "gewinnt", "gewinner", "verdict", "ruling", "urteil", "outcome", "ausgang"]),
        new(["lasted", "gedauert", "dauerte", "duration", "dauer"], ["lasted", "dauerte", "duration", "dauer", "minutes", "hours", "minuten", "stunden"]),
        new(["court", "courts", "gericht", "gerichts", "judge", "richter", "richterin"], OnlyAfterWhich: true),
    ];

    private static readonly HashSet<string> WhichWords =
        new(["which", "what", "welche", "welcher", "welchem", "welchen", "welches"], StringComparer.Ordinal);

    public static AskedAttribute? Read(IReadOnlyList<string> surface)
    {
        for (var i = 0; i < surface.Count; i++)
        {
            var word = surface[i];
            var afterWhich = i > 0 && WhichWords.Contains(surface[i - 1]);
            if (Groups.FirstOrDefault(g => g.Asks.Contains(word) && (afterWhich || !g.OnlyAfterWhich)) is { } group)
            {
                return new AskedAttribute(word, [.. (group.Names ?? group.Asks).SelectMany(TermForms.StemsOf).Distinct()]);
            }
        }

        return null;
    }
}
