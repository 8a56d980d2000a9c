using System.Collections.Concurrent;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Tests.Summaries;

/// <summary>A platform that records what it is asked to post, and fails when told to.</summary>
internal sealed class FakePoster(string platform, TimeProvider time) : IChannelPoster
{
    private readonly ConcurrentQueue<Post> _posts = new();
    private readonly ConcurrentQueue<DateTimeOffset> _calls = new();
    private readonly ConcurrentQueue<string> _keys = new();
    private readonly ConcurrentQueue<(PostedMessage Message, Reply Reply)> _edits = new();
    private int _count;

    public string Platform => platform;

    /// <summary>Given the 1-based call number, the exception that call throws (null: it succeeds).</summary>
    public Func<int, Exception?> Failure { get; set; } = _ => null;

    public IReadOnlyList<Post> Posts => [.. _posts];

    /// <summary>Messages corrected in place.</summary>
    public IReadOnlyList<(PostedMessage Message, Reply Reply)> Edits => [.. _edits];

    /// <summary>The idempotency key of each keyed call, failed ones included.</summary>
    public IReadOnlyList<string> Keys => [.. _keys];

    /// <summary>When each call was made, failed ones included.</summary>
    public IReadOnlyList<DateTimeOffset> Calls => [.. _calls];

    /// <summary>Given the 1-based call number, the failure the platform reports for it (null: it succeeds).</summary>
    public Func<int, PostResult?> Refusal { get; set; } = _ => null;

    public PlatformLimits Limits { get; set; } = PlatformLimits.Unbounded;

    public Task<PostResult> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _count);
        _calls.Enqueue(time.GetUtcNow());
        if (Failure(number) is { } failure)
        {
            throw failure;
        }

        if (Refusal(number) is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        _posts.Enqueue(new Post(channelId, reply, time.GetUtcNow(), $"m{number}"));
        return Task.FromResult(PostResult.Posted(new PostedMessage(platform, channelId, $"m{number}")) with { Permalink = Link(channelId, $"m{number}") });
    }

    public Task<PostResult> PostOnceAsync(string channelId, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        _keys.Enqueue(idempotencyKey);
        return PostAsync(channelId, reply, cancellationToken);
    }

    public Task<PostResult> EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        _edits.Enqueue((message, reply));
        return Task.FromResult(PostResult.Posted(message));
    }

    /// <summary>The web address the platform gives a posted message, as an adapter would.</summary>
    public static string Link(string channelId, string messageId) => $"https://chat.example/{channelId}/{messageId}";

    public sealed record Post(string ChannelId, Reply Reply, DateTimeOffset At, string MessageId);
}
