using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.SocketMode;

public class SocketModeResilienceTests
{
    public sealed class HalfOpenSocket : IAsyncLifetime
    {
        private FakeSlack _slack = null!;
        private SlackTestHost _host = null!;

        public async Task InitializeAsync()
        {
            _slack = await FakeSlack.StartAsync();
            _slack.SilentSockets = 1;
            var settings = SlackTestHost.Settings(_slack, socketMode: true, httpMode: false);
            settings["Slack:SocketConnections"] = "1";
            settings["Slack:KeepAliveInterval"] = "00:00:01";
            settings["Slack:KeepAliveTimeout"] = "00:00:01";
            _host = await SlackTestHost.StartAsync(settings);
        }

        public async Task DisposeAsync()
        {
            await _host.DisposeAsync();
            await _slack.DisposeAsync();
        }

        [Fact]
        public async Task UnansweredPingsReplaceTheSocket()
        {
            var silent = await _slack.NextSocketAsync();

            var replacement = await _slack.NextSocketAsync();
            await replacement.SendAsync(SlackPayloads.EventsEnvelope("env-alive", "Ev0ALIVE", SlackPayloads.DirectMessage("still there?")));

            Assert.Equal("still there?", (await _host.Bot.NextRequestAsync()).Text);
            await Wait.For(silent.Closed);
            Assert.Contains(_host.Logs.Lines, line => line.Message.Contains("Dropped", StringComparison.Ordinal));
        }
    }

    public sealed class SlowAnswers : IAsyncLifetime
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private FakeSlack _slack = null!;
        private SlackTestHost _host = null!;
        private FakeSocket _socket = null!;

        public async Task InitializeAsync()
        {
            _slack = await FakeSlack.StartAsync();
            var settings = SlackTestHost.Settings(_slack, socketMode: true, httpMode: false);
            settings["Slack:SocketConnections"] = "1";
            settings["Slack:AckBudget"] = "00:00:00.200";
            _host = await SlackTestHost.StartAsync(settings, bot: new ScriptedChatBot { Gate = _release.Task });
            _socket = await _slack.NextSocketAsync();
        }

        public async Task DisposeAsync()
        {
            _release.TrySetResult();
            await _host.DisposeAsync();
            await _slack.DisposeAsync();
        }

        [Fact]
        public async Task EnvelopesAreAcknowledgedWhileHandlersAreStillBusy()
        {
            await _socket.SendAsync(SlackPayloads.EventsEnvelope("env-a", "Ev0A", SlackPayloads.DirectMessage("one")));
            await _socket.SendAsync(SlackPayloads.EventsEnvelope("env-b", "Ev0B", SlackPayloads.DirectMessage("two")));
            await _socket.SendAsync(SlackPayloads.SlashCommandEnvelope("env-c", "/who-is", "musk", _slack.ResponseUrl("slow")));

            await _socket.AckOfAsync("env-a");
            await _socket.AckOfAsync("env-b");
            var commandAck = await _socket.AckOfAsync("env-c");

            Assert.False(commandAck.TryGetProperty("payload", out _));
            Assert.Equal(0, _slack.Count("chat.postMessage"));
            _release.SetResult();
            await _slack.NextCallAsync("chat.postMessage");
            await _slack.NextCallAsync("chat.postMessage");
            var answer = await _slack.NextCallAsync("chat.postMessage");
            Assert.NotNull(answer.Str("channel"));
        }

        [Fact]
        public async Task LatePrivateReplyGoesThroughResponseUrl()
        {
            await _socket.SendAsync(SlackPayloads.SlashCommandEnvelope("env-help", "/help", string.Empty, _slack.ResponseUrl("late-help")));

            var ack = await _socket.AckOfAsync("env-help");
            _release.SetResult();
            var late = await _slack.NextCallAsync("response_url");

            Assert.False(ack.TryGetProperty("payload", out _));
            Assert.Equal("/hooks/late-help", late.Path);
            Assert.Equal("ephemeral", late.Str("response_type"));
        }
    }
}
