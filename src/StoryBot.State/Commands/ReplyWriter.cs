using System.Globalization;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Commands;

/// <summary>
/// Builds the body of a command reply in the request's language; anything a person typed
/// (reasons, ids, questions) goes in as <see cref="RunStyle.UserText"/> so adapters render it inert.
/// </summary>
internal sealed class ReplyWriter(CommandContext context)
{
    private readonly List<TextRun> _runs = [];

    public Language Language => context.Language;

    public bool German => context.Language == Language.German;

    /// <summary>Bot text in the request's language.</summary>
    public ReplyWriter Say(string english, string german)
    {
        _runs.Add(TextRun.Plain(German ? german : english));
        return this;
    }

    public ReplyWriter Plain(string text)
    {
        _runs.Add(TextRun.Plain(text));
        return this;
    }

    public ReplyWriter Strong(string text)
    {
        _runs.Add(TextRun.Strong(text));
        return this;
    }

    public ReplyWriter Heading(string english, string german) => Strong(German ? german : english).Line();

    public ReplyWriter User(string text)
    {
        _runs.Add(TextRun.User(text));
        return this;
    }

    public ReplyWriter Line() => Plain("\n");

    public ReplyWriter Time(DateTimeOffset at) =>
        Plain(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));

    public Reply Build(ReplyKind kind) => new()
    {
        Question = context.Request.Text.Trim(),
        Language = context.Language,
        Kind = kind,
        Body = [.. _runs],
    };
}
