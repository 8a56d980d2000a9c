using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests.Gateway;

/// <summary>
/// Messages in a channel the bot has not seen are taken in, and so with one handler at a time
/// answered, in the order they were written, even when the first one waits for the recorded
/// answers (is this a thread under an old answer?) and the second does not.
/// </summary>
public sealed class GatewayMessageOrderTests : IAsyncLifetime
{
    private readonly FirstLookupHeld _recorded = new();
    private StatefulBot _bot = null!;
    private FakeGatewayConnection _gateway = null!;

    public async Task InitializeAsync()
    {
        _bot = await StatefulBot.StartAsync(
            runGateway: true,
            new Dictionary<string, string?> { ["Discord:HandlerConcurrency"] = "1" },
            extra: (services, _) => services.AddSingleton<IRecordedAnswers>(_recorded));
        _gateway = await _bot.Discord.NextGatewayConnectionAsync();
        await _gateway.SendHelloAsync();
        await _gateway.ReceiveAsync();
        await _gateway.SendReadyAsync(Payloads.NewId(), _bot.Discord.ResumeGatewayUrl);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task TwoMessagesInANewChannelAreAnsweredInTheOrderTheyWereWrittenWhileTheFirstWaitsForTheRecordedAnswers()
    {
        var channel = Payloads.NewId();
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> who is sam altman?", mentionsBot: true, channelId: channel, id: "1100000000000000401"));
        await _recorded.FirstAsked.Task.WaitAsync(FakeDiscord.Patience);
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> who is elon musk?", mentionsBot: true, channelId: channel, id: "1100000000000000402"));

        // The second message's own lookup is answered at once; it must still wait for the first.
        await _recorded.SecondAsked.Task.WaitAsync(FakeDiscord.Patience);
        _recorded.ReleaseFirst();
        await _bot.Discord.WaitForReplyToAsync("1100000000000000401");
        await _bot.Discord.WaitForReplyToAsync("1100000000000000402");

        var order = _bot.Discord.Requests.Select(FakeDiscord.RepliesTo).Where(id => id is "1100000000000000401" or "1100000000000000402").ToList();
        Assert.Equal(["1100000000000000401", "1100000000000000402"], order);
    }

    /// <summary>The recorded answers know no message; the first question about one waits until released.</summary>
    private sealed class FirstLookupHeld : IRecordedAnswers
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _asked;

        public TaskCompletionSource FirstAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SecondAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReleaseFirst() => _release.TrySetResult();

        public async Task<bool> ContainsAsync(string platform, string messageId, CancellationToken cancellationToken)
        {
            var asked = Interlocked.Increment(ref _asked);
            if (asked == 1)
            {
                FirstAsked.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
            }
            else
            {
                SecondAsked.TrySetResult();
            }

            return false;
        }
    }
}
