using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Platforms;

namespace StoryBot.Core.Commands;

/// <summary>
/// /ask &lt;question&gt;: a free question; plain text that is not a command lands here too. Within
/// a conversation it is read against the turns before (<see cref="FollowUpConversations"/>). A
/// question the story does not answer is recorded for the curators.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: the answer, its follow-up reading, the reply cache and the curators' tally each have their own collaborator.</remarks>
internal sealed partial class AskCommand(
    IAnswerEngine engine,
    FollowUpConversations followUps,
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
        var request = context.Request;
        var resolution = followUps.Resolve(request, context.Argument);
        if (await followUps.ReplyAsync(request, resolution, resolution.Language ?? context.Language, cancellationToken) is { } own)
        {
            followUps.Remember(request, resolution, own);
            return own;
        }

        // A question with what it refers to written in answers in the language it was asked in.
        var question = resolution.Question;
        var preferred = resolution.Kind == FollowUpKind.None ? request.PreferredLanguage : context.Language;

        // The answer is kept for the question asked again; the tally below is not, so every asking counts.
        var key = new ReplyKey(CommandName, request.Platform, question, context.Language, preferred);
        var reply = await replies.GetOrAddAsync(key, () => engine.AskAsync(question, preferred, cancellationToken), cancellationToken);
        if (resolution.Kind != FollowUpKind.None && reply.Explanation is { } explanation)
        {
            reply = reply with { Explanation = explanation with { FollowUp = $"{resolution.Kind}: \"{context.Argument}\" read as \"{question}\"" } };
        }

        followUps.Remember(request, resolution, reply);
        if (reply.Abstained && !context.Request.Unrecorded)
        {
            // The asker need not wait for the curators' tally; the answer time is the reply's, now.
            var answerTime = request.ReceivedAt is { } received ? time.GetElapsedTime(received) : (TimeSpan?)null;
            pendingWrites.Track(RecordAsync(context, reply, answerTime, cancellationToken));
        }

        return reply;
    }

    private async Task RecordAsync(CommandContext context, Reply reply, TimeSpan? answerTime, CancellationToken cancellationToken)
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
                new UnansweredQuestion(text, reply.Language, request.Platform, request.ChannelKind, time.GetUtcNow()) { AnswerTime = answerTime },
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
