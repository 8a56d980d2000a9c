using System.Net;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.State.Tests.Contract;

/// <summary>A platform that fails its first edits with the given errors, then works; it keeps what it received.</summary>
internal sealed class FlakyPoster(string platform, params Exception[] editFailures) : IChannelPoster
{
    private readonly Queue<Exception> _failures = new(editFailures);

    public string Platform => platform;

    public List<(PostedMessage Message, Reply Reply)> Edits { get; } = [];

    public List<(string ChannelId, string? ThreadId, Reply Reply)> Posts { get; } = [];

    public int EditCalls { get; private set; }

    public int PostCalls { get; private set; }

    /// <summary>When set, every post fails with it.</summary>
    public Exception? PostFailure { get; init; }

    public static HttpRequestException Status(HttpStatusCode status) => new($"HTTP {(int)status}", null, status);

    public Task<PostedMessage> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken) =>
        Post(channelId, null, reply);

    public Task<PostedMessage> PostNextToAsync(PostedMessage earlier, Reply reply, CancellationToken cancellationToken) =>
        Post(earlier.ChannelId, earlier.ThreadId, reply);

    private Task<PostedMessage> Post(string channelId, string? threadId, Reply reply)
    {
        PostCalls++;
        if (PostFailure is not null)
        {
            throw PostFailure;
        }

        Posts.Add((channelId, threadId, reply));
        return Task.FromResult(new PostedMessage(platform, channelId, $"posted-{Posts.Count}", threadId));
    }

    public Task EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        EditCalls++;
        if (_failures.TryDequeue(out var failure))
        {
            throw failure;
        }

        Edits.Add((message, reply));
        return Task.CompletedTask;
    }
}
