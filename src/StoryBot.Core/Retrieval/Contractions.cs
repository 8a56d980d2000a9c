using System.Text.RegularExpressions;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// English contractions written out before a question is read: split at the apostrophe, "they're"
/// would leave "re" and "won't" would leave "won" as content words the story never uses, and chat
/// drops the apostrophe ("doesnt") as often as it keeps it.
/// </summary>
internal static partial class Contractions
{
    public static string Expand(string text) => Contracted().Replace(text, match =>
    {
        var word = match.Groups["word"].Value;
        var ending = match.Groups["ending"].Value.ToLowerInvariant();
        return ending switch
        {
            "t" or "nt" => Negated(word) + " not",
            "re" => word + " are",
            "ve" => word + " have",
            "ll" => word + " will",
            "d" => word + " would",
            "m" => word + " am",
            _ => match.Value,
        };
    });

    /// <summary>"wo" of "won't" is "will", "ca" of "can't" is "can"; other stems stand ("does" of "doesn't").</summary>
    /// <remarks>"ai" of "ain't" must not stay: it would be read as AI.</remarks>
    private static string Negated(string stem) => stem.ToLowerInvariant() switch
    {
        "wo" => "will",
        "ca" => "can",
        "sha" => "shall",
        "ai" => "is",
        _ => stem,
    };

    // With an apostrophe (straight or typographic) any of the endings; without one only the
    // negations whose run-together spelling is no other word ("wont" and "cant" are words too).
    [GeneratedRegex(
        @"\b(?:(?<word>[A-Za-z]+)(?:n['’](?<ending>t)|['’](?<ending>re|ve|ll|d|m))|(?<word>does|do|did|is|are|was|were|has|have|had|could|would|should|must|need)(?<ending>nt))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Contracted();
}
