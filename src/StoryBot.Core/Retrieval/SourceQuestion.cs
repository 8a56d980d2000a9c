namespace StoryBot.Core.Retrieval;

/// <summary>
/// "How does Musk know that?", "woher will er das wissen", "where did he get that from": a question
/// for where someone has a claim from. Its own words are filler ("know", "wissen") or ask for a place
/// ("where … from"); what it asks for is the source, so that is read in its place, in the words a
/// text that names a source would use.
/// </summary>
internal static class SourceQuestion
{
    private const int MaxLeadIn = 2;

    /// <summary>Words in which a text names where a claim comes from; folded as the surface analyzer folds.</summary>
    public static readonly string[] SourceWords = ["source", "sources", "authority", "quelle", "quellen"];

    private static readonly HashSet<string> Knowing = new(["know", "knows", "knew", "known", "wissen", "weiss", "weisst", "wusste", "wusst"], StringComparer.Ordinal);
    private static readonly HashSet<string> Getting = new(["get", "gets", "got", "gotten", "getting"], StringComparer.Ordinal);

    /// <summary>"How do we know?" asks for evidence, not for where someone in the story has it from.</summary>
    private static readonly HashSet<string> Askers = new(["i", "we", "you", "ich", "wir", "du", "ihr", "man"], StringComparer.Ordinal);

    /// <summary>Words that only point back at the claim asked about.</summary>
    private static readonly HashSet<string> Pointing = new(["that", "this", "it", "das", "dies", "es"], StringComparer.Ordinal);

    /// <summary>
    /// The positions of the words that frame a question for a source, or null when the question
    /// does not ask where someone has something from.
    /// </summary>
    public static HashSet<int>? Frame(IReadOnlyList<string> surface)
    {
        // The question word opens the question, perhaps after "and" or "so".
        var start = OpeningQuestionWord(surface);
        if (start < 0 || surface.Any(Askers.Contains))
        {
            return null;
        }

        var asks = surface[start] == "where"
            ? surface.Any(Getting.Contains) && surface[^1] == "from"
            : surface.Skip(start + 1).Any(Knowing.Contains);
        if (!asks)
        {
            return null;
        }

        var frame = new HashSet<int>(Enumerable.Range(0, start + 1));
        for (var i = start + 1; i < surface.Count; i++)
        {
            if (Knowing.Contains(surface[i]) || Getting.Contains(surface[i]) || Pointing.Contains(surface[i]) || surface[i] == "from")
            {
                frame.Add(i);
            }
        }

        return frame;
    }

    /// <summary>Where "how", "woher" or "where" stands among the first words, or -1. Every question is read here.</summary>
    private static int OpeningQuestionWord(IReadOnlyList<string> surface)
    {
        for (var i = 0; i < Math.Min(surface.Count, MaxLeadIn + 1); i++)
        {
            if (surface[i] is "how" or "woher" or "where")
            {
                return i;
            }
        }

        return -1;
    }
}
