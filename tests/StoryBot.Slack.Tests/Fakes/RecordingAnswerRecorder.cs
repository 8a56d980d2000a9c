using System.Threading.Channels;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.Slack.Tests.Fakes;

internal sealed class RecordingAnswerRecorder : IAnswerRecorder
{
    private readonly Channel<(PostedMessage Message, ChatRequest Request, Reply Reply)> _recorded = Channel.CreateUnbounded<(PostedMessage, ChatRequest, Reply)>();

    public Task RecordAsync(PostedMessage message, ChatRequest request, Reply reply, CancellationToken cancellationToken)
    {
        _recorded.Writer.TryWrite((message, request, reply));
        return Task.CompletedTask;
    }

    public async Task<(PostedMessage Message, ChatRequest Request, Reply Reply)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Generous);
        return await _recorded.Reader.ReadAsync(timeout.Token);
    }
}
