namespace StoryBot.Core.Retrieval;

/// <summary>A question that asks for the story as a whole rather than for one of its facts.</summary>
internal enum StoryRequest
{
    None,

    /// <summary>"Fass die Geschichte zusammen", "give me the gist": the cited summary.</summary>
    Summary,

    /// <summary>"What happened, in order?", "der Reihe nach": the cited timeline.</summary>
    Timeline,
}

internal static class StoryRequests
{
    private static readonly string[][] SummaryPhrases =
    [
        ["summary"], ["summarize"], ["summarise"], ["summarized"], ["summarised"], ["sum", "up"], ["gist"], ["recap"], ["tldr"],
        ["tl", "dr"], ["overview"], ["nutshell"], ["zusammenfassung"], ["zusammenfassen"], ["fass", "zusammen"], ["fasse", "zusammen"],
        ["fass"], ["fasse"], ["fasst"], ["zusammen"], ["uberblick"], ["kurzfassung"], ["worum"], ["um", "was", "geht"],
    ];

    private static readonly string[][] TimelinePhrases =
    [
        ["in", "order"], ["timeline"], ["chronological"], ["chronologically"], ["chronologisch"], ["chronologie"], ["reihenfolge"],
        ["der", "reihe", "nach"], ["ablauf"], ["zeitstrahl"], ["zeitlinie"], ["step", "by", "step"], ["day", "by", "day"],
        ["tag", "fur", "tag"], ["sequence", "of", "events"],
    ];

    private static readonly string[][] FormPhrases =
    [
        ["sentence"], ["sentences"], ["satz"], ["satze"], ["satzen"], ["word"], ["words"], ["wort"], ["worte"], ["worten"], ["worter"], ["wortern"],
        ["line"], ["lines"], ["zeile"], ["zeilen"], ["bullet"], ["bullets"], ["point"], ["points"], ["punkt"], ["punkte"], ["punkten"],
        ["paragraph"], ["paragraphs"], ["absatz"], ["absatzen"], ["one"], ["two"], ["three"], ["four"], ["five"], ["few"], ["couple"],
        ["einem"], ["zwei"], ["drei"], ["vier"], ["funf"], ["paar"], ["wenigen"], ["1"], ["2"], ["3"], ["4"], ["5"],
    ];

    /// <summary>
    /// What the question asks for as a whole, and the positions of the words that ask it. Only a
    /// request with nothing else specific in it counts: "summarise the lawsuit" asks about the lawsuit.
    /// </summary>
    public static (StoryRequest Request, HashSet<int> Frame) Read(IReadOnlyList<string> surface)
    {
        foreach (var (request, phrases) in new[] { (StoryRequest.Timeline, TimelinePhrases), (StoryRequest.Summary, SummaryPhrases) })
        {
            var frame = new HashSet<int>();
            if (QuestionIntents.Find(surface, phrases, frame))
            {
                // "In drei Sätzen", "in five bullet points": how the summary is to be given, not what about.
                QuestionIntents.Find(surface, FormPhrases, frame);
                return (request, frame);
            }
        }

        return (StoryRequest.None, []);
    }
}
