using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.SocketMode;

public class SocketModeResilienceTests
{
    public sealed class HalfOpenSocket : SlackHostTest
    {
        protected override bool SocketMode => true;

        protected override bool HttpMode => false;

        private protected override void Configure(Dictionary<string, string?> settings)
        {
            Slack.SilentSockets = 1;
            settings["Slack:SocketConnections"] = "1";
            settings["Slack:KeepAliveInterval"] = "00:00:01";
            settings["Slack:KeepAliveTimeout"] = "00:00:01";
        }

        [Fact]
        public async Task UnansweredPingsReplaceTheSocket()
        {
            var silent = await Slack.NextSocketAsync();

            var replacement = await Slack.NextSocketAsync();
            await replacement.SendAsync(SlackPayloads.EventsEnvelope("env-alive", "Ev0ALIVE", SlackPayloads.DirectMessage("still there?")));

            Assert.Equal("still there?", (await Host.Bot.NextRequestAsync()).Text);
            await Wait.For(silent.Closed);
            Assert.Contains(Host.Logs.Lines, line => line.Message.Contains("Dropped", StringComparison.Ordinal));
        }
    }

    public sealed class SlowAnswers : SlackHostTest
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private FakeSocket _socket = null!;

        protected override bool SocketMode => true;

        protected override bool HttpMode => false;

        public override async Task DisposeAsync()
        {
            _release.TrySetResult();
            await base.DisposeAsync();
        }

        private protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["Slack:SocketConnections"] = "1";
            settings["Slack:AckBudget"] = "00:00:00.200";
        }

        private protected override ScriptedChatBot CreateBot() => new() { Gate = _release.Task };

        private protected override async Task StartedAsync() => _socket = await Slack.NextSocketAsync();

        [Fact]
        public async Task EnvelopesAreAcknowledgedWhileHandlersAreStillBusy()
        {
            await _socket.SendAsync(SlackPayloads.EventsEnvelope("env-a", "Ev0A", SlackPayloads.DirectMessage("one")));
            await _socket.SendAsync(SlackPayloads.EventsEnvelope("env-b", "Ev0B", SlackPayloads.DirectMessage("two")));
            await _socket.SendAsync(SlackPayloads.SlashCommandEnvelope("env-c", "/who-is", "musk", Slack.ResponseUrl("slow")));

            await _socket.AckOfAsync("env-a");
            await _socket.AckOfAsync("env-b");
            var commandAck = await _socket.AckOfAsync("env-c");

            Assert.False(commandAck.TryGetProperty("payload", out _));
            Assert.Equal(0, Slack.Count("chat.postMessage"));
            _release.SetResult();
            await Slack.NextCallAsync("chat.postMessage");
            await Slack.NextCallAsync("chat.postMessage");
            var answer = await Slack.NextCallAsync("chat.postMessage");
            Assert.NotNull(answer.Str("channel"));
        }

        [Fact]
        public async Task LatePrivateReplyGoesThroughResponseUrl()
        {
            await _socket.SendAsync(SlackPayloads.SlashCommandEnvelope("env-help", "/help", string.Empty, Slack.ResponseUrl("late-help")));

            var ack = await _socket.AckOfAsync("env-help");
            _release.SetResult();
            var late = await Slack.NextCallAsync("response_url");

            Assert.False(ack.TryGetProperty("payload", out _));
            Assert.Equal("/hooks/late-help", late.Path);
            Assert.Equal("ephemeral", late.Str("response_type"));
        }
    }
}
