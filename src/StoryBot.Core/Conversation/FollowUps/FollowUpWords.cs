using System.Text;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>The words of a chat message, lower case and without punctuation, and the small words follow-ups are made of.</summary>
internal static class FollowUpWords
{
    /// <summary>He, his, er, sein: who they stand for is a person named before.</summary>
    public static readonly HashSet<string> PersonPronouns = new(StringComparer.Ordinal)
    {
        "he", "him", "his", "himself", "she", "hers", "herself",
        "er", "ihn", "ihm", "sein", "seine", "seinen", "seinem", "seiner", "seines",
    };

    /// <summary>Words that stand for a thing named before: it, they, es, deren.</summary>
    public static readonly HashSet<string> ThingPronouns = new(StringComparer.Ordinal)
    {
        "it", "its", "they", "them", "their", "es", "deren", "dessen",
    };

    /// <summary>Words that point back at what was said before, not at one name: that, there, then, das, dort, damals.</summary>
    public static readonly HashSet<string> References = new(StringComparer.Ordinal)
    {
        "that", "this", "there", "then", "those",
        "das", "dies", "dort", "da", "damals", "dabei", "davon", "darüber", "dafür", "dazu", "darauf", "drauf", "dran",
    };

    /// <summary>How a follow-up opens: "and Altman?", "what about", "und wann?".</summary>
    public static readonly HashSet<string> Openers = new(StringComparer.Ordinal) { "and", "also", "und", "auch", "so" };

    public static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "who", "whom", "whose", "what", "when", "where", "why", "how", "which",

        // As chat writes them, without the apostrophe: "whats this stargate thing".
        "whats", "whos", "wheres", "whens", "whys", "hows",
        "wer", "wen", "wem", "wessen", "was", "wann", "wo", "woher", "wohin", "warum", "wieso", "weshalb", "weswegen", "wie", "welche", "welcher", "welches", "welchem", "welchen", "wieviel", "wieviele", "inwiefern",

        // German asks "for what", "about what" in one word: "wofür ist Stargate da?", "worum geht es?".
        "wofür", "wozu", "womit", "wodurch", "worüber", "worum", "worauf", "woran", "wovon", "woraus", "wogegen", "worin",
    };

    public static IReadOnlyList<string> Of(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
