using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Interactions;
using StoryBot.Discord.Messages;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Hands Gateway events to their handlers through the work queue. Called on the receive loop,
/// so it only records the bot's identity, starts journaling the messages to answer and enqueues;
/// handlers run elsewhere.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: two work queues (messages and interactions, which must start at once) and the two handlers they feed; the clock stamps an interaction's arrival for its 3-second budget; telemetry and logger open a message's trace and log scope.</remarks>
internal sealed class GatewayDispatcher(
    DiscordWorkQueue queue,
    DiscordInteractionQueue interactionQueue,
    BotIdentity identity,
    MessageHandler messages,
    GatewayInteractionResponder interactions,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILogger<GatewayDispatcher> logger)
{
    // Messages of a channel whose read waits for the recorded answers: a later message of that
    // channel is taken in after it, so the two are answered in the order they were written.
    private readonly ConcurrentDictionary<string, Task> _readsInFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// A message the bot answers has its journal write started here, before the next frame is read,
    /// and is answered once that write is committed; the receive loop does not wait for the commit,
    /// so messages arriving together share one. A message whose channel may be a thread started from
    /// an answer from before a restart waits for the recorded answers first, off the receive loop,
    /// and later messages of its channel wait behind it.
    /// </summary>
    /// <returns>Completes once the event is taken in for good: for a message, when its journal write is done.</returns>
    public Task Dispatch(string? type, JsonElement data, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case "READY":
                if (data.Child("user")?.String("id") is { } userId)
                {
                    identity.Set(userId);
                }

                break;
            case "MESSAGE_CREATE":
                var arrivedAt = time.GetTimestamp();
                var reading = messages.ReadAsync(data, cancellationToken);
                var channelId = data.String("channel_id");
                if (channelId is not null && _readsInFlight.TryGetValue(channelId, out var earlier))
                {
                    return InFlight(channelId, TakeInAfterAsync(earlier, reading, arrivedAt, cancellationToken));
                }

                if (!reading.IsCompletedSuccessfully)
                {
                    // Whether its channel is a thread under an answer is being looked up: the receive loop goes on meanwhile.
                    var takingIn = TakeInOnceReadAsync(reading, arrivedAt, cancellationToken);
                    return channelId is null ? takingIn.Unwrap() : InFlight(channelId, takingIn);
                }

                return reading.Result is { } message ? TakeIn(message, arrivedAt, cancellationToken) : Task.CompletedTask;

            case "INTERACTION_CREATE":
                // The 3-second budget runs from now, not from when a worker picks the event up.
                var receivedAt = time.GetTimestamp();
                interactionQueue.TryEnqueue("interaction", token => interactions.HandleAsync(data, receivedAt, token));
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Keeps the channel's latest message that is not taken in yet, until it is. Later messages wait
    /// for it to be taken in (its place and its journal write started), not for that write to commit:
    /// a slow commit must not hold the channel's next messages. Returns the commit.
    /// </summary>
    private Task InFlight(string channelId, Task<Task> takingIn)
    {
        _readsInFlight[channelId] = takingIn;
        _ = takingIn.ContinueWith(
            done => _readsInFlight.TryRemove(KeyValuePair.Create<string, Task>(channelId, done)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return takingIn.Unwrap();
    }

    /// <returns>Done once the message is taken in; its result is done once its journal write is.</returns>
    private async Task<Task> TakeInAfterAsync(Task earlier, ValueTask<IncomingMessage?> reading, long arrivedAt, CancellationToken cancellationToken)
    {
        // Whatever became of the earlier message, this one is still taken in.
        await earlier.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await TakeInOnceReadAsync(reading, arrivedAt, cancellationToken);
    }

    /// <returns>Done once the message is taken in; its result is done once its journal write is.</returns>
    private async Task<Task> TakeInOnceReadAsync(ValueTask<IncomingMessage?> reading, long arrivedAt, CancellationToken cancellationToken) =>
        await reading is { } message ? TakeIn(message, arrivedAt, cancellationToken) : Task.CompletedTask;

    private Task TakeIn(IncomingMessage message, long arrivedAt, CancellationToken cancellationToken)
    {
        // The message's trace and log scope begin here; its answer continues them on the queue.
        using var received = new ReceivedRequest(telemetry, logger, time, arrivedAt, DiscordPlatform.Name, DiscordWork.Message, message.MessageId, ActivityKind.Consumer);
        received.WrittenIn(message.Request.ChannelKind);

        // Its place in its conversation is taken here, in the order its channel's messages arrive.
        var place = messages.Enter(message);
        var accepting = messages.AcceptAsync(message, cancellationToken);
        place.EnqueueInOrder(queue, "message", async token =>
        {
            using (place)
            {
                if (await accepting is { } incoming)
                {
                    await messages.AnswerAsync(incoming, place, token);
                }
            }
        });
        return accepting;
    }
}
