using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.SocketMode;

public class SocketModeResilienceTests
{
    /// <summary>Socket Mode only, over one connection, so every socket the fake opens is that slot's.</summary>
    public abstract class OneSocketTest(params (string Key, string Value)[] settings) : SlackHostTest
    {
        protected override bool SocketMode => true;

        protected override bool HttpMode => false;

        private protected override void Configure(Dictionary<string, string?> hostSettings)
        {
            hostSettings["Slack:SocketConnections"] = "1";
            foreach (var (key, value) in settings)
            {
                hostSettings[key] = value;
            }
        }
    }

    public sealed class HalfOpenSocket() : OneSocketTest(("Slack:KeepAliveInterval", "00:00:01"), ("Slack:KeepAliveTimeout", "00:00:01"))
    {
        private protected override void Configure(Dictionary<string, string?> settings)
        {
            Slack.SilentSockets = 1;
            base.Configure(settings);
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

    public sealed class FlappingConnection() : OneSocketTest(("Slack:ReconnectDelay", "00:00:00.200"), ("Slack:MaxReconnectDelay", "00:00:05"))
    {
        [Fact]
        public async Task ConnectionsThatDieRightAfterHelloAreReopenedWithGrowingBackoff()
        {
            var socket = await Slack.NextSocketAsync();
            var gaps = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
            {
                var dropped = TimeProvider.System.GetTimestamp();
                socket.DropAbruptly();
                socket = await Slack.NextSocketAsync();
                gaps.Add(TimeProvider.System.GetElapsedTime(dropped));
            }

            // Delays are drawn from [ceiling / 2, ceiling] with ceilings 200, 400 and 800 ms.
            Assert.True(gaps[0] >= TimeSpan.FromMilliseconds(100), $"first reconnect after {gaps[0]}");
            Assert.True(gaps[2] >= TimeSpan.FromMilliseconds(400), $"third reconnect after {gaps[2]}");
            // A drop may land before the bot has read hello: then it is a failed attempt, logged and backed off alike.
            Assert.Equal(3, Host.Logs.Lines.Count(line => line.Level == LogLevel.Warning && line.Message.Contains("; reconnecting in", StringComparison.Ordinal)));
        }
    }

    public sealed class UndocumentedDisconnectReason() : OneSocketTest(("Slack:ReconnectDelay", "00:00:10"), ("Slack:MaxReconnectDelay", "00:01:00"))
    {
        private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

        private protected override void ConfigureServices(IServiceCollection services, Dictionary<string, string?> settings) =>
            services.AddSingleton<TimeProvider>(_time);

        [Fact]
        public async Task ReplacementWaitsOutABackoffInsteadOfReconnectingAtOnce()
        {
            var socket = await Slack.NextSocketAsync();

            await socket.SendDisconnectAsync("too_many_websockets");
            var backingOff = await Wait.For(Task.Run(() => WaitForLogAsync("too_many_websockets")));

            // The clock has not moved, so the bot is still waiting: no second apps.connections.open yet.
            Assert.Equal(1, Slack.Count("apps.connections.open"));
            Assert.Equal(LogLevel.Warning, backingOff.Level);
            Assert.Contains("opening a replacement in", backingOff.Message, StringComparison.Ordinal);
            await using (new ClockPump(_time, TimeSpan.FromSeconds(1)))
            {
                var replacement = await Slack.NextSocketAsync();
                await replacement.SendAsync(SlackPayloads.EventsEnvelope("env-back", "Ev0BACK", SlackPayloads.DirectMessage("back again")));
                Assert.Equal("back again", (await Host.Bot.NextRequestAsync()).Text);
            }

            Assert.Equal(2, Slack.Count("apps.connections.open"));
        }

        private async Task<(LogLevel Level, string Category, string Message)> WaitForLogAsync(string text)
        {
            while (true)
            {
                foreach (var line in Host.Logs.Lines.Where(line => line.Message.Contains(text, StringComparison.Ordinal)))
                {
                    return line;
                }

                await Task.Delay(10);
            }
        }
    }

    public sealed class SlowAnswers() : OneSocketTest(("Slack:AckBudget", "00:00:00.200"))
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private FakeSocket _socket = null!;

        public override async Task DisposeAsync()
        {
            _release.TrySetResult();
            await base.DisposeAsync();
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
