namespace StoryBot.Core.Knowledge;

/// <summary>
/// The mark of a text a curator still has to write: a draft pack (<c>storybot curate draft</c>)
/// puts it wherever it could only guess, and the loader refuses every text that still carries it,
/// so a draft is never served until each one has been written.
/// </summary>
public static class DraftText
{
    public const string Prefix = "REVIEW:";

    public static string Placeholder(string what) => $"{Prefix} {what}";

    public static bool IsPlaceholder(string? text) => text?.TrimStart().StartsWith(Prefix, StringComparison.Ordinal) == true;
}
