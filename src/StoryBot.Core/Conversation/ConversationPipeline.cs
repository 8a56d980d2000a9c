using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;

namespace StoryBot.Core.Conversation;

/// <summary>
/// What happens to a request on every platform between the adapter's parsing and its rendering:
/// the per-user limit (with its notice), the chat bot (cleaning, the command, the answer, the quote
/// check), a polite reply when answering fails, and, once the adapter has posted an answer, its
/// recording so that it can be reported and corrected. The adapters only translate their wire
/// protocol around it.
/// </summary>
public sealed partial class ConversationPipeline(
    IChatBot bot,
    UserCooldown cooldown,
    IEnumerable<IAnswerRecorder> recorders,
    ILogger<ConversationPipeline> logger)
{
    private readonly IAnswerRecorder[] _recorders = [.. recorders];

    /// <summary>
    /// The reply to send, or null when the user is over the limit and was already told so. A
    /// platform that must answer every request (a Discord interaction shows a failure otherwise)
    /// passes <paramref name="mustAnswer"/> and gets the notice again instead.
    /// </summary>
    public async Task<Reply?> AskAsync(ChatRequest request, bool mustAnswer, CancellationToken cancellationToken)
    {
        // The operator at the console runs the bot (and batches of questions through it): no limit.
        switch (request.ChannelKind == ChannelKind.Console ? CooldownVerdict.Allowed : cooldown.Check(request.Platform, request.UserId))
        {
            case CooldownVerdict.Allowed:
                break;
            case CooldownVerdict.RefusedWithNotice:
                return Notice(request, ReplyKind.Notice, Phrases.Cooldown);
            default:
                return mustAnswer ? Notice(request, ReplyKind.Notice, Phrases.Cooldown) : null;
        }

        try
        {
            return await bot.RespondAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The asker gets a polite reply; the reason goes to the log, never to the chat.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogAnswerFailed(exception, request.Platform, request.ChannelId);
            return Notice(request, ReplyKind.Error, Phrases.Failure);
        }
    }

    /// <summary>Whether <paramref name="reply"/> is kept once posted: only answers cite excerpts that can be reported or withdrawn.</summary>
    public bool IsRecorded(Reply reply) => reply.Kind == ReplyKind.Answer && _recorders.Length > 0;

    /// <summary>Records an answer the adapter has posted as <paramref name="posted"/>; anything else is not kept.</summary>
    public async Task RecordAsync(PostedMessage posted, ChatRequest request, Reply reply, CancellationToken cancellationToken)
    {
        if (!IsRecorded(reply))
        {
            return;
        }

        foreach (var recorder in _recorders)
        {
            await recorder.RecordAsync(posted, request, reply, cancellationToken);
        }
    }

    private Reply Notice(ChatRequest request, ReplyKind kind, Knowledge.LocalizedText text)
    {
        var language = bot.LanguageOf(request);
        return ReplyComposer.Message(request.Text, language, kind, text.In(language));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a {Platform} request in {ChannelId} failed")]
    private partial void LogAnswerFailed(Exception exception, string platform, string channelId);
}
