using System.Threading.Channels;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Slack.Tests.Fakes;

/// <summary>
/// A mocked <see cref="IChatBot"/> that answers like the engine (help is private, questions get a
/// cited answer, /report a private notice) and lets tests await each request it was asked.
/// </summary>
internal sealed class ScriptedChatBot
{
    private readonly Channel<ChatRequest> _requests = Channel.CreateUnbounded<ChatRequest>();

    public ScriptedChatBot()
    {
        Mock.Setup(bot => bot.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (ChatRequest request, CancellationToken cancellationToken) =>
            {
                _requests.Writer.TryWrite(request);
                if (Gate is { } gate)
                {
                    await gate.WaitAsync(cancellationToken);
                }

                if (GateOf?.Invoke(request) is { } own)
                {
                    await own.WaitAsync(cancellationToken);
                }

                return request.Text switch
                {
                    var text when text.StartsWith("/help", StringComparison.Ordinal) => TestReplies.Help(text),
                    var text when text.StartsWith("/report", StringComparison.Ordinal) => TestReplies.Reported(text),
                    var text => TestReplies.Answer(text),
                };
            });
        Mock.Setup(bot => bot.LanguageOf(It.IsAny<ChatRequest>())).Returns((ChatRequest request) => request.PreferredLanguage ?? Language.English);
        Mock.Setup(bot => bot.CommandOf(It.IsAny<ChatRequest>())).Returns((ChatRequest request) => request.Text.StartsWith('/') ? request.Text[1..].Split(' ')[0] : "ask");
    }

    public Mock<IChatBot> Mock { get; } = new(MockBehavior.Strict);

    /// <summary>When set, replies wait for it (to make the bot slower than the ack budget).</summary>
    public Task? Gate { get; set; }

    /// <summary>When set, the reply to a request waits for the task it gives, if any (to make one answer slower than another).</summary>
    public Func<ChatRequest, Task?>? GateOf { get; set; }

    public async Task<ChatRequest> NextRequestAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Generous);
        return await _requests.Reader.ReadAsync(timeout.Token);
    }

    public int Calls => Mock.Invocations.Count(call => call.Method.Name == nameof(IChatBot.RespondAsync));
}
