namespace StoryBot.Benchmarks.Story;

/// <summary>
/// A fixed rotation of questions about the story pack: English and German, answerable and not,
/// free text and commands, as readers ask them.
/// </summary>
internal static class StoryQuestions
{
    public static readonly string[] All =
    [
        "Who is Sam Altman?",
        "How much money does Stargate have?",
        "What did Musk claim about SoftBank?",
        "When was Stargate announced?",
        "What did Altman reply to Musk?",
        "How much has xAI spent on its data centre in Memphis?",
        "What is MGX?",
        "What did Satya Nadella say about Musk?",
        "What is the capital of France?",
        "Who won the 2014 World Cup?",
        "Wer ist Elon Musk?",
        "Wie viel Geld hat SoftBank gesichert?",
        "Wann wurde Stargate angekündigt?",
        "Was hat Altman geantwortet?",
        "Was ist DOGE?",
        "Worum geht es in der Geschichte?",
        "Wie wird das Wetter morgen in Berlin?",
        "Was kostet ein Bier in München?",
        "/who-is altman",
        "/funding de",
    ];
}
