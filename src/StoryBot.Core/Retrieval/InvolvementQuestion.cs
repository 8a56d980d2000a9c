namespace StoryBot.Core.Retrieval;

/// <summary>
/// "What part does SoftBank have in this?", "Welche Rolle spielt xAI?", "was hat Nadella damit zu
/// tun": a question for how someone or something is involved in the story. Its framing words and
/// the words that only point at the story ("in this fight", "bei der ganzen Sache") say nothing
/// about the topic, so they are left out of the terms; what is left names whom it asks about, and
/// when that is one entity alone, its own entry answers it, as "who is X" would be.
/// </summary>
internal static class InvolvementQuestion
{
    // Folded as the surface analyzer folds them (umlauts to plain letters). A phrase here is what
    // makes a question one about involvement; the framing words below count only beside one.
    private static readonly string[][] CorePhrases =
    [
        ["role"], ["roles"], ["what", "part"], ["which", "part"], ["part", "in"], ["part", "does"], ["part", "did"], ["s", "part"],
        ["involved"], ["involvement"], ["involve"], ["involves"], ["stake"], ["stakes"],
        ["to", "do", "with"], ["fit", "in"], ["fits", "in"], ["fit", "into"], ["fits", "into"],
        ["rolle"], ["rollen"], ["beteiligt"], ["beteiligung"], ["beteiligen"], ["zu", "tun"], ["anteil"], ["mit", "im", "spiel"],
    ];

    /// <summary>Words that only frame such a question or point at the story as a whole.</summary>
    private static readonly HashSet<string> FramingWords = new(
        ["play", "plays", "played", "playing", "have", "has", "had", "part", "this", "that", "it", "all", "whole", "entire", "thing",
         "things", "fight", "feud", "dispute", "spat", "row", "story", "saga", "affair", "deal", "project", "mess", "here", "there",
         "spielt", "spielen", "spielte", "hat", "haben", "hatte", "damit", "dabei", "daran", "darin", "sache", "geschichte", "streit",
         "projekt", "ganze", "ganzen", "fall", "konflikt", "zoff", "hier", "dort", "spiel", "eigentlich", "genau", "in", "im", "bei",
         "beim", "with", "mit", "der", "die", "das", "dem", "den"],
        StringComparer.Ordinal);

    /// <summary>
    /// The positions of the words that frame an involvement question, or null when the question
    /// does not ask how someone is involved.
    /// </summary>
    public static HashSet<int>? Frame(IReadOnlyList<string> surface)
    {
        var frame = new HashSet<int>();
        if (!QuestionIntents.Find(surface, CorePhrases, frame))
        {
            return null;
        }

        for (var i = 0; i < surface.Count; i++)
        {
            if (FramingWords.Contains(surface[i]))
            {
                frame.Add(i);
            }
        }

        return frame;
    }
}
