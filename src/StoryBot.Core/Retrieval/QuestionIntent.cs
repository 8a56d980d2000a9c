namespace StoryBot.Core.Retrieval;

/// <summary>What kind of answer a question asks for, read from its question words.</summary>
internal enum QuestionIntent
{
    Open,
    Amount,
    Time,
    Person,
    Place,

    /// <summary>"What is this story about?": asks for the story as a whole.</summary>
    Overview,
}

internal static class QuestionIntents
{
    private static readonly string[][] AmountPhrases =
        [["how", "much"], ["how", "many"], ["how", "big"], ["how", "large"], ["wie", "viel"], ["wie", "viele"], ["wieviel"], ["wieviele"], ["wie", "hoch"], ["what", "amount"], ["welchen", "betrag"], ["welche", "summe"]];

    private static readonly string[][] TimePhrases =
        [["when"], ["wann"], ["what", "day"], ["which", "day"], ["welchem", "tag"], ["welchen", "tag"], ["what", "time"]];

    private static readonly string[][] PersonPhrases = [["who"], ["whom"], ["whos"], ["wer"], ["wen"], ["wem"]];

    private static readonly string[][] PlacePhrases =
        [["where"], ["wo"], ["wohin"], ["which", "city"], ["what", "city"], ["welcher", "stadt"], ["welchem", "ort"], ["in", "welcher"]];

    private static readonly HashSet<string> OverviewWords =
        new(["story", "article", "news", "about", "geschichte", "artikel", "bericht", "worum", "overview", "summary", "zusammenfassung", "uberblick"], StringComparer.Ordinal);

    public static QuestionIntent Read(IReadOnlyList<string> surface)
    {
        if (Contains(surface, AmountPhrases))
        {
            return QuestionIntent.Amount;
        }

        if (Contains(surface, TimePhrases))
        {
            return QuestionIntent.Time;
        }

        if (Contains(surface, PlacePhrases))
        {
            return QuestionIntent.Place;
        }

        if (Contains(surface, PersonPhrases))
        {
            return QuestionIntent.Person;
        }

        return surface.Any(OverviewWords.Contains) ? QuestionIntent.Overview : QuestionIntent.Open;
    }

    private static bool Contains(IReadOnlyList<string> tokens, string[][] phrases)
    {
        foreach (var phrase in phrases)
        {
            for (var i = 0; i + phrase.Length <= tokens.Count; i++)
            {
                var match = true;
                for (var j = 0; j < phrase.Length && match; j++)
                {
                    match = tokens[i + j] == phrase[j];
                }

                if (match)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
