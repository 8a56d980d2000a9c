using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Telemetry;

namespace StoryBot.Core.Conversation;

/// <summary>
/// What happens to a request on every platform between the adapter's parsing and its rendering:
/// the per-user limit (with its notice), the chat bot (cleaning, the command, the answer, the quote
/// check), a polite reply when answering fails, and, once the adapter has posted an answer, its
/// recording so that it can be reported and corrected. The adapters only translate their wire
/// protocol around it. Each request is one <c>ask</c> span, counted by its outcome
/// (<see cref="StoryBotTelemetry.Outcomes"/>) and timed.
/// </summary>
/// <remarks>
/// Seven constructor parameters on purpose: the bot, the limit, the recorders and the channel's story are
/// the path; telemetry, clock and logger watch it. Everything from the limit to the recording runs in the
/// <see cref="StoryScope"/> of the request's channel, so a host serving several stories answers each
/// channel from its own.
/// </remarks>
public sealed partial class ConversationPipeline(
    IChatBot bot,
    UserCooldown cooldown,
    IEnumerable<IAnswerRecorder> recorders,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILogger<ConversationPipeline> logger,
    ChannelStories? stories = null)
{
    private static readonly Func<ILogger, string, string, string, IDisposable?> AskScope =
        LoggerMessage.DefineScope<string, string, string>("{Platform} {ChannelKind} /{Command}");

    private readonly IAnswerRecorder[] _recorders = [.. recorders];

    // The answer time of each request the adapters hold, until they let it go: they hand the same
    // request back to RecordAsync once the reply is posted. Keyed by the request rather than carried
    // on the reply, whose identity keeps its renderings and its stored form (both kept per reply).
    private readonly ConditionalWeakTable<ChatRequest, StrongBox<TimeSpan>> _answerTimes = new();

    /// <summary>
    /// The reply to send, or null when the user is over the limit and was already told so. A
    /// platform that must answer every request (a Discord interaction shows a failure otherwise)
    /// passes <paramref name="mustAnswer"/> and gets the notice again instead.
    /// </summary>
    public async Task<Reply?> AskAsync(ChatRequest request, bool mustAnswer, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var story = StoryScope.Enter(stories is null ? null : await stories.StoryOfAsync(request, cancellationToken));
        var command = bot.CommandOf(request) ?? AskCommandFallback;
        var channelKind = StoryBotTelemetry.ChannelKindTag(request.ChannelKind);
        using var scope = AskScope(logger, request.Platform, channelKind, command);
        using var activity = StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Ask);
        var (reply, outcome) = await ReplyAsync(request with { ReceivedAt = started }, mustAnswer, cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        telemetry.QuestionHandled(request.Platform, command, outcome, elapsed);
        if (reply is not null && IsRecorded(reply))
        {
            _answerTimes.AddOrUpdate(request, new StrongBox<TimeSpan>(elapsed));
        }

        if (activity is not null)
        {
            Describe(activity, request, channelKind, command, outcome, reply);
        }

        return reply;
    }

    /// <summary>
    /// As <see cref="AskAsync(ChatRequest, bool, CancellationToken)"/>, for a message with a place in
    /// its conversation (<see cref="ConversationOrder"/>): answered only once the message before it
    /// has its answer, so a follow-up is read against that turn, and the next one waits for this.
    /// </summary>
    public async Task<Reply?> AskAsync(ChatRequest request, bool mustAnswer, ConversationPlace place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(place);
        try
        {
            await place.EarlierAnswered.WaitAsync(cancellationToken);
            return await AskAsync(request, mustAnswer, cancellationToken);
        }
        finally
        {
            place.Answered();
        }
    }

    private async Task<(Reply? Reply, string Outcome)> ReplyAsync(ChatRequest request, bool mustAnswer, CancellationToken cancellationToken)
    {
        // The operator at the console runs the bot (and batches of questions through it): no limit.
        switch (request.ChannelKind == ChannelKind.Console ? CooldownVerdict.Allowed : cooldown.Check(request.Platform, request.UserId))
        {
            case CooldownVerdict.Allowed:
                break;
            case CooldownVerdict.RefusedWithNotice:
                return (Notice(request, ReplyKind.Notice, Phrases.Cooldown), StoryBotTelemetry.Outcomes.Refused);
            default:
                return (mustAnswer ? Notice(request, ReplyKind.Notice, Phrases.Cooldown) : null, StoryBotTelemetry.Outcomes.Refused);
        }

        try
        {
            var reply = await bot.RespondAsync(request, cancellationToken);
            return (reply, OutcomeOf(reply));
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
            Activity.Current?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            return (Notice(request, ReplyKind.Error, Phrases.Failure), StoryBotTelemetry.Outcomes.Failed);
        }
    }

    /// <summary>
    /// What became of a request the bot replied to: help, the story's commands and moderation are
    /// answers as much as a cited answer is; an error reply is input the bot does not take (or a
    /// reply held back at the quote check), which it refuses politely.
    /// </summary>
    private static string OutcomeOf(Reply reply) => reply.Kind switch
    {
        ReplyKind.Abstention => StoryBotTelemetry.Outcomes.Abstained,
        ReplyKind.Error or ReplyKind.Notice => StoryBotTelemetry.Outcomes.Refused,
        _ => StoryBotTelemetry.Outcomes.Answered,
    };

    /// <summary>The decision as span attributes; the question's text only where the operator allows it.</summary>
    private void Describe(Activity activity, ChatRequest request, string channelKind, string command, string outcome, Reply? reply)
    {
        activity.SetTag(StoryBotTelemetry.Tags.Platform, request.Platform);
        activity.SetTag(StoryBotTelemetry.Tags.ChannelKind, channelKind);
        activity.SetTag(StoryBotTelemetry.Tags.Command, command);
        activity.SetTag(StoryBotTelemetry.Tags.Outcome, outcome);
        if (reply is null)
        {
            return;
        }

        activity.SetTag(StoryBotTelemetry.Tags.Language, reply.Language.Code());
        activity.SetTag(StoryBotTelemetry.Tags.Abstained, reply.Abstained);
        activity.SetTag(StoryBotTelemetry.Tags.Citations, reply.Citations.Count);
        if (reply.Citations.Count > 0)
        {
            activity.SetTag(StoryBotTelemetry.Tags.Citation, reply.Citations[0].Id);
        }

        if (reply.Explanation?.Confidence is { } confidence)
        {
            activity.SetTag(StoryBotTelemetry.Tags.Confidence, confidence);
        }

        if (telemetry.UserText)
        {
            activity.SetTag(StoryBotTelemetry.Tags.QuestionText, reply.CleanedQuestion ?? request.Text);
        }
    }

    /// <summary>Whether <paramref name="reply"/> is kept once posted: only answers cite excerpts that can be reported or withdrawn.</summary>
    public bool IsRecorded(Reply reply) => reply.Kind == ReplyKind.Answer && _recorders.Length > 0;

    /// <summary>
    /// Records an answer the adapter has posted as <paramref name="posted"/>, with the time it took
    /// when <paramref name="request"/> is the one it was asked with; anything else is not kept.
    /// </summary>
    public async Task RecordAsync(PostedMessage posted, ChatRequest request, Reply reply, CancellationToken cancellationToken)
    {
        if (!IsRecorded(reply))
        {
            return;
        }

        using var story = StoryScope.Enter(stories is null ? null : await stories.StoryOfAsync(request, cancellationToken));
        using var activity = StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Record);
        activity?.SetTag(StoryBotTelemetry.Tags.Platform, posted.Platform);
        var timed = _answerTimes.TryGetValue(request, out var answerTime) ? request with { AnswerTime = answerTime.Value } : request;
        foreach (var recorder in _recorders)
        {
            await recorder.RecordAsync(posted, timed, reply, cancellationToken);
        }
    }

    /// <summary>What a bot that cannot name a request's command (a test's stand-in) is counted under.</summary>
    private const string AskCommandFallback = Commands.AskCommand.CommandName;

    private Reply Notice(ChatRequest request, ReplyKind kind, LocalizedText text)
    {
        var language = bot.LanguageOf(request);
        return ReplyComposer.Message(request.Text, language, kind, text.In(language));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a {Platform} request in {ChannelId} failed")]
    private partial void LogAnswerFailed(Exception exception, string platform, string channelId);
}
