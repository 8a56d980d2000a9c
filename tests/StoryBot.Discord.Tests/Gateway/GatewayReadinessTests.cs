using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Tests.Fakes;
using StoryBot.Testing.Slack;

namespace StoryBot.Discord.Tests.Gateway;

/// <summary>
/// What the Gateway tells readiness, driven by the fake Gateway on a fake clock: the first beat
/// comes at half the interval, and a reconnect waits half a second.
/// </summary>
public sealed class GatewayReadinessTests : IAsyncLifetime, IDisposable
{
    private const int IntervalMs = 40_000;

    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    private readonly Ed25519Signer _signer = new();
    private FakeDiscord _discord = null!;
    private BotHost _host = null!;

    private GatewayReadiness Readiness => _host.Services.GetRequiredService<GatewayReadiness>();

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, runGateway: true, services: s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton(new DiscordTimings { Jitter = () => 0.5, HelloTimeout = TimeSpan.FromHours(1), ReconnectBase = TimeSpan.FromSeconds(1) });
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task TheGatewayIsReadyFromReadyOnwardAndItIsTheOnlyConnectionReported()
    {
        var connecting = Readiness.Current;

        await ConnectReadyAsync();
        var ready = await UntilAsync(ConnectionState.Up);

        Assert.Equal(ConnectionReadiness.Down("connecting to the Discord Gateway"), connecting);
        Assert.Equal("session ready; first heartbeat not yet due (one every 40 s)", ready.Description);
        Assert.Same(Readiness, Assert.Single(_host.Services.GetServices<IConnectionReadiness>()));
    }

    [Fact]
    public async Task AnAcknowledgedHeartbeatKeepsTheGatewayReady()
    {
        var connection = await ConnectReadyAsync();
        await UntilAsync(ConnectionState.Up);
        var beat = connection.WaitForHeartbeatAsync();

        _clock.Advance(TimeSpan.FromMilliseconds(IntervalMs / 2));
        await beat;
        var acknowledged = await UntilAsync(ConnectionState.Up, r => r.Description.Contains("acknowledged 0 s ago", StringComparison.Ordinal));
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("session ready; last heartbeat acknowledged 0 s ago (one every 40 s)", acknowledged.Description);
        Assert.Equal("session ready; last heartbeat acknowledged 30 s ago (one every 40 s)", Readiness.Current.Description);
    }

    [Fact]
    public async Task AHeartbeatLeftUnacknowledgedMakesTheGatewayUnreadyUntilTheZombieIsReplacedAndResumed()
    {
        var first = await ConnectReadyAsync(acknowledgeHeartbeats: false);
        await UntilAsync(ConnectionState.Up);
        var beat = first.WaitForHeartbeatAsync();

        _clock.Advance(TimeSpan.FromMilliseconds(IntervalMs / 2));
        await beat;
        var sent = Readiness.Current;
        _clock.Advance(TimeSpan.FromSeconds(10));
        var atPatience = Readiness.Current;
        _clock.Advance(TimeSpan.FromSeconds(1));
        var late = Readiness.Current;

        // The next beat finds the last one unacknowledged: a zombie, dropped to resume.
        FakeGatewayConnection second;
        await using (new ClockPump(_clock, TimeSpan.FromMilliseconds(100)))
        {
            await first.Closed.WaitAsync(FakeDiscord.Patience);
            second = await _discord.NextGatewayConnectionAsync();
        }

        var replacing = Readiness.Current;

        await second.SendHelloAsync(IntervalMs);
        Assert.True(await second.AnswerResumeAsync(await second.ReceiveAsync()));
        await UntilAsync(ConnectionState.Up);

        Assert.Equal(ConnectionState.Up, sent.State);
        Assert.Equal(ConnectionState.Up, atPatience.State);
        Assert.Equal(ConnectionReadiness.Down("session open, but the last heartbeat has had no acknowledgement for 11 s"), late);
        Assert.Equal(ConnectionReadiness.Down("no session: the connection ended (zombie connection); reconnecting to resume"), replacing);
    }

    [Fact]
    public async Task ACloseCodeThatStopsTheGatewayLeavesItUnreadyWithTheReason()
    {
        await CloseBeforeReadyAsync(4014);
        var stopped = await UntilAsync(ConnectionState.Down, r => r.Description.StartsWith("stopped", StringComparison.Ordinal));

        Assert.Equal(
            "stopped: the Discord Gateway closed with 4014 (disallowed intents: a privileged intent is not enabled for the application; Discord:AskChannelIds and Discord:FollowUpsWithoutMention ask for Message Content, so switch it on under Bot → Privileged Gateway Intents or leave both unset); not reconnecting",
            stopped.Description);
    }

    [Fact]
    public async Task ARejectedTokenLeavesTheGatewayUnreadyAsDiscordIsDisabled()
    {
        await CloseBeforeReadyAsync(4004);
        var disabled = await UntilAsync(ConnectionState.Down, r => r.Description.StartsWith("Discord is disabled", StringComparison.Ordinal));

        Assert.Contains("4004", disabled.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeDiscord.Token, disabled.Description, StringComparison.Ordinal);
    }

    private async Task<FakeGatewayConnection> ConnectReadyAsync(bool acknowledgeHeartbeats = true)
    {
        var connection = await _discord.NextGatewayConnectionAsync();
        connection.AcknowledgeHeartbeats = acknowledgeHeartbeats;
        await connection.SendHelloAsync(IntervalMs);
        await connection.ReceiveAsync();
        await connection.SendReadyAsync("session-readiness", _discord.ResumeGatewayUrl);
        return connection;
    }

    /// <summary>Discord closes the first connection with <paramref name="code"/> after the bot identified.</summary>
    private async Task CloseBeforeReadyAsync(int code)
    {
        var connection = await _discord.NextGatewayConnectionAsync();
        await connection.SendHelloAsync(IntervalMs);
        await connection.ReceiveAsync();
        await connection.CloseAsync(code);
    }

    /// <summary>Reads readiness until it is in <paramref name="state"/>: the bot reads frames on its own threads.</summary>
    private async Task<ConnectionReadiness> UntilAsync(ConnectionState state, Func<ConnectionReadiness, bool>? and = null)
    {
        using var patience = new CancellationTokenSource(FakeDiscord.Patience);
        while (true)
        {
            var now = Readiness.Current;
            if (now.State == state && (and?.Invoke(now) ?? true))
            {
                return now;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System).WaitAsync(patience.Token);
        }
    }
}
