using System.Net;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Tests.Contract;

/// <summary>A platform that refuses its first edits with the given results, then works; it keeps what it received.</summary>
internal sealed class FlakyPoster(string platform, params PostResult[] editFailures) : IChannelPoster
{
    private readonly Queue<PostResult> _failures = new(editFailures);

    public string Platform => platform;

    public List<(PostedMessage Message, Reply Reply)> Edits { get; } = [];

    public List<(string ChannelId, string? ThreadId, Reply Reply)> Posts { get; } = [];

    public int EditCalls { get; private set; }

    public int PostCalls { get; private set; }

    /// <summary>When set, every post is refused with it.</summary>
    public PostResult? PostFailure { get; init; }

    /// <summary>An HTTP status as an adapter reports it: client errors other than 408, 409 and 429 are final.</summary>
    public static PostResult Status(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict)
            ? PostResult.Permanent($"HTTP {(int)status}")
            : PostResult.Transient($"HTTP {(int)status}");

    public Task<PostResult> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken) =>
        Post(channelId, null, reply);

    public Task<PostResult> PostNextToAsync(PostedMessage earlier, Reply reply, CancellationToken cancellationToken) =>
        Post(earlier.ChannelId, earlier.ThreadId, reply);

    private Task<PostResult> Post(string channelId, string? threadId, Reply reply)
    {
        PostCalls++;
        if (PostFailure is not null)
        {
            return Task.FromResult(PostFailure);
        }

        Posts.Add((channelId, threadId, reply));
        return Task.FromResult(PostResult.Posted(new PostedMessage(platform, channelId, $"posted-{Posts.Count}", threadId)));
    }

    public Task<PostResult> EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        EditCalls++;
        if (_failures.TryDequeue(out var failure))
        {
            return Task.FromResult(failure);
        }

        Edits.Add((message, reply));
        return Task.FromResult(PostResult.Posted(message));
    }
}
