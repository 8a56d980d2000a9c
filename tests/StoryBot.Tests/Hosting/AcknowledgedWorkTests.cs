using System.Collections.Concurrent;
using System.Net;
using StoryBot.Testing.Slack;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// The real bot process, a burst of signed Slack slash commands, and the process killed or stopped
/// in the middle of it: after a restart every acknowledged command is answered exactly once and
/// every posted answer is recorded.
/// </summary>
public sealed class AcknowledgedWorkTests : IAsyncLifetime, IDisposable
{
    private const int Burst = 500;
    private const int AcknowledgedBeforeTheStop = 250;

    private readonly StateFile _state = new();
    private readonly ConcurrentDictionary<string, bool> _acknowledged = new(StringComparer.Ordinal);
    private FakeSlack _slack = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        // Slow enough that posting (64 at a time, at most 64 a second) cannot catch up with
        // acknowledging, even when a busy machine slows the journal's commits before each one.
        _slack.PostLatency = TimeSpan.FromSeconds(1);
        _port = SlackOverHttp.FreePort();
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
    }

    public void Dispose() => _state.Dispose();

    [Fact]
    public async Task AfterAKillMidBurstEveryAcknowledgedCommandIsAnsweredOnceAndRecorded()
    {
        using (var first = await StartBotAsync())
        {
            await SendBurstAsync(stopWhen: () => _acknowledged.Count >= AcknowledgedBeforeTheStop, stop: first.KillAsync);
        }

        // Otherwise the kill came too late to test anything.
        var unansweredAtKill = _acknowledged.Keys.Count(channel => !Posted(channel));
        Assert.True(unansweredAtKill > 0, "every acknowledged command was answered before the kill");
        var postingAtKill = (await _state.QueryAsync("SELECT work_key FROM accepted_work WHERE status = 'posting'")).Count;

        using var second = await StartBotAsync();
        await AssertEveryAcknowledgedCommandAnsweredOnceAsync(second);

        // Posts in flight at the kill (whether the kill caught one depends on timing) were looked
        // for in the channels' history, not posted again.
        Assert.True(postingAtKill == 0 || _slack.Count("conversations.history") > 0, $"{postingAtKill} posts were in flight at the kill, and no channel history was read");
    }

    [Fact]
    public async Task AfterATermMidBurstNothingAcknowledgedIsLost()
    {
        using (var first = await StartBotAsync())
        {
            await SendBurstAsync(stopWhen: () => _acknowledged.Count >= AcknowledgedBeforeTheStop, stop: async () => await first.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        using var second = await StartBotAsync();
        await AssertEveryAcknowledgedCommandAnsweredOnceAsync(second);
    }

    private async Task AssertEveryAcknowledgedCommandAnsweredOnceAsync(RunningBot bot)
    {
        Assert.True(_acknowledged.Count >= AcknowledgedBeforeTheStop, $"only {_acknowledged.Count} commands were acknowledged before the stop");

        // Done when the journal holds nothing unfinished: from then on nothing more can be posted.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await UnfinishedAsync() > 0 || !_acknowledged.Keys.All(Posted))
        {
            Assert.False(bot.HasExited, bot.Output);
            await Task.Delay(100, timeout.Token);
        }

        var posts = _slack.AllCalls.Where(c => c.Method == "chat.postMessage").ToList();
        var perChannel = posts.GroupBy(c => c.Str("channel")!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(_acknowledged.Keys, channel => Assert.Equal(1, perChannel[channel]));
        Assert.All(perChannel, pair => Assert.Equal(1, pair.Value));

        var recorded = await RecordedMessagesAsync();
        Assert.All(posts, post => Assert.Contains(post.IssuedTs!, recorded));
    }

    private bool Posted(string channel) =>
        _slack.AllCalls.Any(c => c.Method == "chat.postMessage" && c.Str("channel") == channel);

    private async Task SendBurstAsync(Func<bool> stopWhen, Func<Task> stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(10) };
        var stopped = 0;
        using var inFlight = new SemaphoreSlim(16);
        var sent = Enumerable.Range(0, Burst).Select(async i =>
        {
            await inFlight.WaitAsync();

            // Each command has its own channel and user, so neither pacing nor the per-user limit shapes the run.
            var channel = $"C{i:D8}";
            var form = SlackPayloads.SlashCommandForm("/who-is", "altman", _slack.ResponseUrl("r" + i), user: $"U{i:D8}", channel: channel);
            try
            {
                using var response = await http.SendAsync(SlackOverHttp.Signed(form));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    _acknowledged[channel] = true;
                }
            }
            catch (HttpRequestException)
            {
                // The process went away under this request: it was never acknowledged.
            }
            catch (TaskCanceledException)
            {
            }
            finally
            {
                inFlight.Release();
            }

            if (stopWhen() && Interlocked.Exchange(ref stopped, 1) == 0)
            {
                await stop();
            }
        });
        await Task.WhenAll(sent);
    }

    private Task<RunningBot> StartBotAsync() => SlackOverHttp.StartAsync(_port, _state.Path, _slack);

    private async Task<long> UnfinishedAsync() =>
        (await _state.QueryAsync("SELECT work_key FROM accepted_work WHERE status <> 'done'")).Count;

    private async Task<HashSet<string>> RecordedMessagesAsync() =>
        [.. await _state.QueryAsync("SELECT message_id FROM answers WHERE platform = 'slack'")];
}
