namespace StoryBot.Core.Retrieval;

/// <summary>What kind of answer a question asks for, read from its question words.</summary>
internal enum QuestionIntent
{
    Open,
    Amount,
    Time,
    Person,
    Place,

    /// <summary>"Why", "warum", "wozu": asks for a cause, a purpose or a motive.</summary>
    Reason,

    /// <summary>"What is this story about?": asks for the story as a whole.</summary>
    Overview,
}

internal static class QuestionIntents
{
    private static readonly string[][] AmountPhrases =
        [["how", "much"], ["how", "many"], ["how", "big"], ["how", "large"], ["wie", "viel"], ["wie", "viele"], ["wieviel"], ["wieviele"], ["wie", "hoch"], ["what", "amount"], ["welchen", "betrag"], ["welche", "summe"]];

    /// <summary>
    /// Nouns for a figure ask for it only when no question word asks for something else: "who is
    /// Musk's source for the SoftBank number" asks for a person.
    /// </summary>
    private static readonly string[][] AmountNouns = [["number"], ["figure"], ["amount"], ["zahl"], ["betrag"], ["summe"]];

    private static readonly string[][] TimePhrases =
        [["when"], ["whens"], ["when's"], ["wann"], ["seit", "wann"], ["what", "day"], ["which", "day"], ["welchem", "tag"], ["welchen", "tag"], ["what", "time"], ["how", "long"]];

    private static readonly string[][] PersonPhrases = [["who"], ["whom"], ["whos"], ["who's"], ["wer"], ["wen"], ["wem"]];

    private static readonly string[][] PlacePhrases =
        [["where"], ["wheres"], ["where's"], ["wo"], ["wohin"], ["which", "city"], ["what", "city"], ["welcher", "stadt"], ["welchem", "ort"], ["in", "welcher"]];

    private static readonly string[][] ReasonPhrases =
        [["why"], ["whys"], ["why's"], ["warum"], ["wieso"], ["weshalb"], ["weswegen"], ["wozu"], ["how", "come"], ["aus", "welchem", "grund"]];

    private static readonly HashSet<string> OverviewWords =
        new(["story", "article", "news", "about", "geschichte", "artikel", "bericht", "worum", "overview", "summary", "zusammenfassung", "uberblick"], StringComparer.Ordinal);

    /// <summary>
    /// The intent of a question and the positions of the words that only frame it ("how much",
    /// "which day"), which say nothing about the topic.
    /// </summary>
    /// <summary>Words that ask what someone said, wrote or answered.</summary>
    private static readonly HashSet<string> SpeechWords = new(
        ["say", "says", "said", "saying", "claim", "claims", "claimed", "respond", "responds", "responded", "reply", "replies", "replied",
         "react", "reacts", "reacted", "answer", "answers", "answered", "write", "writes", "wrote", "written", "post", "posts", "posted",
         "tweet", "tweets", "tweeted", "sagen", "sagt", "sagte", "gesagt", "behaupten", "behauptet", "behauptete", "antworten", "antwortet",
         "antwortete", "geantwortet", "reagieren", "reagiert", "reagierte", "schreiben", "schreibt", "schrieb", "geschrieben", "erwidert",
         "erwiderte", "entgegnete", "postete", "gepostet"],
        StringComparer.Ordinal);

    public static bool AsksWhatSomeoneSaid(IReadOnlyList<string> surface) => surface.Any(SpeechWords.Contains);

    public static (QuestionIntent Intent, HashSet<int> Frame) Read(IReadOnlyList<string> surface)
    {
        var frame = new HashSet<int>();
        foreach (var (intent, phrases) in Intents)
        {
            if (Find(surface, phrases, frame))
            {
                return (intent, frame);
            }
        }

        return (surface.Any(OverviewWords.Contains) ? QuestionIntent.Overview : QuestionIntent.Open, frame);
    }

    private static readonly (QuestionIntent Intent, string[][] Phrases)[] Intents =
    [
        (QuestionIntent.Amount, AmountPhrases),
        (QuestionIntent.Time, TimePhrases),
        (QuestionIntent.Place, PlacePhrases),
        (QuestionIntent.Person, PersonPhrases),
        (QuestionIntent.Reason, ReasonPhrases),
        (QuestionIntent.Amount, AmountNouns),
    ];

    public static bool Find(IReadOnlyList<string> tokens, string[][] phrases, HashSet<int> frame)
    {
        var found = false;
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
                    frame.UnionWith(Enumerable.Range(i, phrase.Length));
                    found = true;
                }
            }
        }

        return found;
    }
}
