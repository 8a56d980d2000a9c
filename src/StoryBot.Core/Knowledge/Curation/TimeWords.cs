using System.Text.RegularExpressions;

namespace StoryBot.Core.Knowledge.Curation;

/// <summary>
/// Words that place an event in time (weekdays, months, years, "gestern", "last year"), so a draft
/// timeline starts from the sentences that say when something happened.
/// </summary>
public static partial class TimeWords
{
    /// <summary>The first time word of <paramref name="sentence"/> as written there, or null.</summary>
    public static string? FirstIn(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var match = Pattern().Match(sentence);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex(
        @"\b(?:(?:am\s+|on\s+|last\s+|next\s+|this\s+|letzten\s+|letzter\s+|nächsten\s+|diesen\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\d{1,2}\.\s*(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}|(?:19|20)\d\d|gestern|vorgestern|heute|yesterday|today|tomorrow|(?:letztes|letzten|vergangenes|dieses|nächstes)\s+jahr|(?:last|this|next)\s+(?:year|week|month)|(?:letzte|vergangene|diese|nächste)\s+woche)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
