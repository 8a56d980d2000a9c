using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Telemetry;

namespace StoryBot.ConsoleChat;

/// <summary>
/// One exchange at the console: the local operator asks, the bot answers, and the answer is
/// recorded like any posted answer so it can be reported or corrected later. A command that fails
/// gets a plain error reply (the reason goes to the log), so the chat and <c>ask --json</c> carry on.
/// Each line is a trace of its own (a <c>receive</c> span, the answer, its recording).
/// </summary>
/// <remarks>Six constructor parameters on purpose: the pipeline, pending writes and ids make the exchange; telemetry, clock and logger watch it.</remarks>
internal sealed class ConsoleConversation(
    ConversationPipeline pipeline,
    PendingWrites pendingWrites,
    ConsoleMessageIds ids,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILogger<ConsoleConversation> logger)
{
    public const string Platform = "console";
    public const string Channel = "console";

    /// <summary>The console's one conversation: follow-up questions lean on the ones before.</summary>
    public const string Conversation = "console";

    /// <param name="conversation">The conversation the line belongs to; null for a question on its own (<c>ask</c>).</param>
    public async Task<Reply> AskAsync(string line, CancellationToken cancellationToken, bool record = true, string? conversation = null)
    {
        var (reply, recorded) = await AnswerAsync(line, cancellationToken, record, conversation);
        await recorded;
        await WrittenAsync(cancellationToken);
        return reply;
    }

    /// <summary>Ends once the writes answers left under way (the unanswered-question tally) have landed.</summary>
    public Task WrittenAsync(CancellationToken cancellationToken) => pendingWrites.WhenAllAsync(cancellationToken);

    /// <summary>
    /// The reply at once, and its recording still under way: a batch need not wait for each record's
    /// commit before the next question, so records that pile up share commits.
    /// </summary>
    /// <param name="record">False for an evaluation run: neither the answer nor an unanswered question is recorded.</param>
    public async Task<(Reply Reply, Task Recorded)> AnswerAsync(string line, CancellationToken cancellationToken, bool record = true, string? conversation = null)
    {
        // The person at the console runs the bot, so they hold the moderator's rights, and no limit.
        var request = new ChatRequest(Platform, Channel, Environment.UserName, line)
        {
            IsModerator = true,
            ChannelKind = ChannelKind.Console,
            Unrecorded = !record,
            ConversationId = conversation,
        };
        using var received = new ReceivedRequest(telemetry, logger, time, time.GetTimestamp(), Platform, "line", null, ActivityKind.Internal);
        received.WrittenIn(ChannelKind.Console);
        var reply = await pipeline.AskAsync(request, mustAnswer: true, cancellationToken)
            ?? throw new InvalidOperationException("The pipeline answers every request that must be answered");
        return (reply, record ? pipeline.RecordAsync(new PostedMessage(Platform, Channel, ids.Next()), request, reply, cancellationToken) : Task.CompletedTask);
    }
}

/// <summary>Ids for console "messages", unique across restarts so reports never hit an older answer.</summary>
internal sealed class ConsoleMessageIds(TimeProvider time)
{
    private long _last;

    public string Next()
    {
        var candidate = time.GetUtcNow().ToUnixTimeMilliseconds();
        long current, next;
        do
        {
            current = Interlocked.Read(ref _last);
            next = Math.Max(candidate, current + 1);
        }
        while (Interlocked.CompareExchange(ref _last, next, current) != current);

        return next.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
