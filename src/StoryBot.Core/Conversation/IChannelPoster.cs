using StoryBot.Core.Answering;
using StoryBot.Core.Platforms;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Posts and edits bot messages in a channel of one platform; used by features that speak
/// without being asked (daily summaries, corrections). Failures the platform reports come back as
/// a <see cref="PostResult"/>, classified by the adapter; only cancellation is thrown.
/// </summary>
public interface IChannelPoster
{
    /// <summary>"console", "discord" or "slack".</summary>
    string Platform { get; }

    /// <summary>What one message on this platform can carry, so features size what they post by it.</summary>
    PlatformLimits Limits => PlatformLimits.Unbounded;

    Task<PostResult> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken);

    /// <summary>
    /// Posts like <see cref="PostAsync"/>, but where the platform can tell a repeat by a key, a post
    /// sent again with the same <paramref name="idempotencyKey"/> shortly after (a retry, a restart)
    /// is not created twice. Platforms without such a key post as usual.
    /// </summary>
    Task<PostResult> PostOnceAsync(string channelId, Reply reply, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync(channelId, reply, cancellationToken);

    /// <summary>
    /// Posts <paramref name="reply"/> as a new message next to <paramref name="earlier"/>: in its
    /// thread where it sits in one (<see cref="PostedMessage.ThreadId"/>), otherwise in its channel.
    /// Platforms whose threads are channels of their own need nothing more than <see cref="PostAsync"/>.
    /// </summary>
    Task<PostResult> PostNextToAsync(PostedMessage earlier, Reply reply, CancellationToken cancellationToken) =>
        PostAsync(earlier.ChannelId, reply, cancellationToken);

    /// <summary>Replaces the content of a message the bot posted earlier.</summary>
    Task<PostResult> EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken);
}

/// <param name="ThreadId">The thread the message sits in, where the platform has threads.</param>
public sealed record PostedMessage(string Platform, string ChannelId, string MessageId, string? ThreadId = null);
