using System.Text;
using System.Text.Json.Serialization;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>
/// What the bot says, independent of any chat platform. Adapters render it for their own
/// markup and limits; the body keeps user-typed text apart so they can make it inert.
/// </summary>
public sealed record Reply
{
    /// <summary>The question or command as the user typed it (after trimming).</summary>
    public required string Question { get; init; }

    public required Language Language { get; init; }
    public required ReplyKind Kind { get; init; }
    public required IReadOnlyList<TextRun> Body { get; init; }
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    public bool Abstained => Kind == ReplyKind.Abstention;

    /// <summary>For a free question, the evidence behind the answer or the abstention.</summary>
    public AnswerExplanation? Explanation { get; init; }

    /// <summary>
    /// For a free question, the question cleaned of chat noise (mentions and the user ids in them,
    /// emoji, greetings), as the answer engine read it; null for every other reply.
    /// </summary>
    /// <remarks>Left out of a stored answer: only the unanswered tally needs it, when the reply is made.</remarks>
    [JsonIgnore]
    public string? CleanedQuestion { get; init; }

    /// <summary>Only the asker should see it (help, errors, notices, moderation results).</summary>
    public bool IsPrivate => Kind is ReplyKind.Help or ReplyKind.Error or ReplyKind.Notice or ReplyKind.Moderation;

    /// <summary>The body as plain text, with no markup at all.</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder();
            foreach (var run in Body)
            {
                text.Append(run.Text);
            }

            return text.ToString();
        }
    }
}
