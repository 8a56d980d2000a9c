using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>
/// The form a reader fills in to report an answer where the platform has forms (a Discord modal,
/// a Slack view): the same words on both, and what the filled-in form asks of the chat bot.
/// </summary>
public static class ReportPrompt
{
    /// <summary>The longest reason kept; the form refuses longer text, the report command cuts it.</summary>
    public const int MaxReasonLength = 500;

    /// <remarks>Within both platforms' limit on form titles (Slack: 24 characters).</remarks>
    public static readonly LocalizedText Title = new("Report answer", "Antwort melden");

    /// <remarks>Within Discord's limit on text input labels (45 characters).</remarks>
    public static readonly LocalizedText ReasonLabel = new("What is wrong with it? (optional)", "Was stimmt daran nicht? (optional)");

    public static readonly LocalizedText ReasonPlaceholder = new(
        "A misquote, a wrong figure, something left out…",
        "Ein falsches Zitat, eine falsche Zahl, etwas fehlt …");

    public static readonly LocalizedText Submit = new("Report", "Melden");

    public static readonly LocalizedText Cancel = new("Cancel", "Abbrechen");

    /// <summary>The command line a submitted form asks for: <c>/report</c>, with the reason when one was given.</summary>
    public static string CommandLine(string? reason) => $"/report {reason}".TrimEnd();
}
