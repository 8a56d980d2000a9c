using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;

namespace StoryBot.Core.Commands;

/// <summary>
/// /ask &lt;question&gt;: a free question; plain text that is not a command lands here too. A
/// question the story does not answer is recorded for the curators.
/// </summary>
internal sealed partial class AskCommand(
    IAnswerEngine engine,
    IUnansweredQuestions unanswered,
    PendingWrites pendingWrites,
    ReplyCache replies,
    TimeProvider time,
    ILogger<AskCommand> logger) : IChatCommand
{
    public const string CommandName = "ask";

    /// <summary>Long enough for any real question; a pasted essay is not kept whole.</summary>
    private const int MaxRecorded = 300;

    public string Name => CommandName;

    public bool ReadsItsOwnLanguage => true;

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // The answer is kept for the question asked again; the tally below is not, so every asking counts.
        var key = new ReplyKey(CommandName, context.Request.Platform, context.Argument, context.Language, context.Request.PreferredLanguage);
        var reply = await replies.GetOrAddAsync(key, () => engine.AskAsync(context.Argument, context.Request.PreferredLanguage, cancellationToken), cancellationToken);
        if (reply.Abstained && !context.Request.Unrecorded)
        {
            // The asker need not wait for the curators' tally.
            pendingWrites.Track(RecordAsync(context, reply, cancellationToken));
        }

        return reply;
    }

    private async Task RecordAsync(CommandContext context, Reply reply, CancellationToken cancellationToken)
    {
        // The engine's cleaned question: mentions (and the user ids in them) are gone with the chat noise.
        var request = context.Request;
        if (reply.CleanedQuestion is not { Length: > 0 } question)
        {
            return;
        }

        try
        {
            var text = TextElements.Shorten(question, MaxRecorded + 1);
            await unanswered.RecordAsync(
                new UnansweredQuestion(text, reply.Language, request.Platform, request.ChannelKind, time.GetUtcNow()),
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The asker still gets the answer; only the curators' tally misses one question.
            LogNotRecorded(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record an unanswered question")]
    private partial void LogNotRecorded(Exception exception);
}
