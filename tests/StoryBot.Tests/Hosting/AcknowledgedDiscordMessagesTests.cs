using System.Globalization;
using System.Text.Json;
using StoryBot.Testing.Discord;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// The real bot process on a Gateway, a burst of mentions, and the process killed or stopped in the
/// middle of answering them: after a restart every message sent is answered exactly once (those
/// taken in from the journal; after a kill, which leaves the session to resume, the rest replayed by
/// Discord) and every posted answer is recorded.
/// </summary>
public sealed class AcknowledgedDiscordMessagesTests : IAsyncLifetime, IDisposable
{
    private const int Burst = 300;
    private const int AnsweredBeforeTheKill = 40;
    private const int CommandEvery = 10;

    /// <summary>Sent back to back and the process killed at once: the last of them cannot have been journaled.</summary>
    private const int LastMoment = 100;

    private readonly StateFile _state = new();
    private readonly Ed25519Signer _signer = new();
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _discord.MessageLatency = TimeSpan.FromMilliseconds(150);
    }

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
    }

    public void Dispose()
    {
        _signer.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task AfterAKillMidBurstEveryMessageIsAnsweredOnceAndRecorded()
    {
        await SendBurstThenStopAsync(Burst, whenAnswered: AnsweredBeforeTheKill, bot => bot.KillAsync());
        Assert.True(SentQuestions(Burst).Any(id => !Answered().Contains(id)), "every message was answered before the kill");

        await AssertEveryMessageIsAnsweredOnceAndRecordedAfterARestartAsync(Burst);

        // Replies in flight at the kill were looked for in their channels before anything was sent again.
        Assert.Contains(_discord.Requests, r => r.Method == "GET" && r.Path.EndsWith("/messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterATermMidBurstNothingIsLost()
    {
        var exitCode = -1;
        await SendBurstThenStopAsync(Burst, whenAnswered: AnsweredBeforeTheKill, async bot => exitCode = await bot.TerminateAsync(TimeSpan.FromSeconds(30)), withCommands: true);
        Assert.Equal(0, exitCode);

        // The stop ended the session with 1000, having journaled all Discord sent before its close:
        // the restart identifies anew, and nothing depends on a replay.
        var restarted = await AssertEveryMessageIsAnsweredOnceAndRecordedAfterARestartAsync(Burst, resumes: false);

        // A slash command is answered once; one that never got its first response says so in the log.
        Assert.All(SentCommands(Burst), id =>
        {
            var callbacks = _discord.Requests.Count(r => r.Method == "POST" && r.Path.StartsWith($"interactions/{id}/", StringComparison.Ordinal));
            Assert.True(callbacks == 1 || (callbacks == 0 && restarted.Contains($"interaction {id} was never acknowledged", StringComparison.Ordinal)), $"interaction {id} had {callbacks} callbacks");
        });
    }

    /// <summary>
    /// Messages that reach the process in the last milliseconds before it dies, before their journal
    /// write commits: Discord delivers them again when the next run resumes the session.
    /// </summary>
    [Fact]
    public async Task MessagesArrivingJustBeforeAKillAreAnsweredAfterTheRestartByResuming()
    {
        // The journal's writes are held back, so that none of the messages is taken in before the kill
        // however fast the machine is.
        await SendBurstThenStopAsync(LastMoment, whenAnswered: 0, bot => bot.KillAsync(), holdWrites: true);
        Assert.Empty(await TakenInAsync());

        await AssertEveryMessageIsAnsweredOnceAndRecordedAfterARestartAsync(LastMoment);
    }

    /// <param name="withCommands">A slash command after every tenth mention too.</param>
    /// <param name="holdWrites">The state file's write lock is held from before the burst until the bot is stopped.</param>
    private async Task SendBurstThenStopAsync(int count, int whenAnswered, Func<RunningBot, Task> stop, bool withCommands = false, bool holdWrites = false)
    {
        using var first = StartBot();
        var (connection, resumed) = await ConnectAsync(first);
        Assert.False(resumed);

        // The session is saved once READY is in; from then on a restart can resume it.
        await WaitUntilAsync(first, async () => (await _state.QueryAsync("SELECT value FROM connection_checkpoint")).Count > 0);
        await using var held = holdWrites ? await _state.HoldWritesAsync() : null;
        for (var i = 0; i < count; i++)
        {
            await connection.DispatchAsync("MESSAGE_CREATE", Mention(i));
            if (withCommands && i % CommandEvery == 0)
            {
                await connection.DispatchAsync("INTERACTION_CREATE", Payloads.SlashCommand("who-is", $"[{Payloads.StringOption("name", "altman")}]", id: CommandId(i)));
            }
        }

        await WaitUntilAsync(first, () => Task.FromResult(Posts().Count >= whenAnswered));
        await stop(first);
    }

    /// <param name="resumes">Whether the restarted process resumes the first one's session (it does after a kill).</param>
    /// <returns>What the restarted process logged.</returns>
    private async Task<string> AssertEveryMessageIsAnsweredOnceAndRecordedAfterARestartAsync(int sent, bool resumes = true)
    {
        using var second = StartBot();
        var (_, resumed) = await ConnectAsync(second);
        Assert.True(resumed == resumes, $"the restarted bot {(resumed ? "resumed" : "did not resume")} the session: " + second.Output);
        var questions = SentQuestions(sent);
        await WaitUntilAsync(second, async () => questions.All(Answered().Contains) && await UnfinishedAsync() == 0);

        // One message on Discord per question: a repeated post with the same nonce is the same message.
        var messagesPerQuestion = Posts().GroupBy(p => p.Question).ToDictionary(g => g.Key, g => g.Select(p => p.MessageId).Distinct().Count());
        Assert.All(questions, id => Assert.Equal(1, messagesPerQuestion[id]));
        var recorded = await RecordedMessagesAsync();
        Assert.All(Posts(), post => Assert.Contains(post.MessageId, recorded));
        return second.Output;
    }

    private static List<string> SentQuestions(int count) => [.. Enumerable.Range(0, count).Select(QuestionId)];

    private static List<string> SentCommands(int count) => [.. Enumerable.Range(0, count).Where(i => i % CommandEvery == 0).Select(CommandId)];

    private static string CommandId(int i) => (1300000000000000000L + i).ToString(CultureInfo.InvariantCulture);

    private static string Mention(int i) => Payloads.Message(
        $"<@{FakeDiscord.BotUserId}> who is altman?",
        mentionsBot: true,
        authorId: (539082325061800000L + i).ToString(CultureInfo.InvariantCulture),
        channelId: (645027906669500000L + i).ToString(CultureInfo.InvariantCulture),
        id: QuestionId(i));

    private static string QuestionId(int i) => (1200000000000000000L + i).ToString(CultureInfo.InvariantCulture);

    /// <summary>Each reply the bot sent: the question it answers and the message Discord made of it.</summary>
    private List<(string Question, string MessageId)> Posts() =>
        [.. _discord.Requests
            .Where(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal) && r.Path.EndsWith("/messages", StringComparison.Ordinal))
            .Select(r => (r.Json.GetProperty("message_reference").GetProperty("message_id").GetString()!, _discord.LastCreatedMessageId(r)))];

    private HashSet<string> Answered() => [.. Posts().Select(p => p.Question)];

    private RunningBot StartBot() => StoryBotProcess.Start(new Dictionary<string, string>
    {
        ["Storage__ConnectionString"] = $"Data Source={_state.Path}",
        ["Discord__Token"] = FakeDiscord.Token,
        ["Discord__ApplicationId"] = FakeDiscord.ApplicationId,
        ["Discord__PublicKey"] = _signer.PublicKeyHex,
        ["Discord__ApiBaseUrl"] = _discord.ApiBaseUrl,
        ["Discord__RegisterCommands"] = "false",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
    });

    /// <summary>Answers the bot's IDENTIFY with a new session, or its RESUME as Discord would (an invalid one makes it identify).</summary>
    private async Task<(FakeGatewayConnection Connection, bool Resumed)> ConnectAsync(RunningBot bot)
    {
        while (true)
        {
            var next = _discord.NextGatewayConnectionAsync();
            await Task.WhenAny(next);
            Assert.True(next.IsCompletedSuccessfully, "the bot did not connect to the Gateway: " + bot.Output);
            var connection = await next;
            await connection.SendHelloAsync();
            var first = await connection.ReceiveAsync();
            if (first.GetProperty("op").GetInt32() == 2)
            {
                await connection.SendReadyAsync("session-" + Guid.NewGuid().ToString("N"), _discord.ResumeGatewayUrl);
                return (connection, false);
            }

            if (await connection.AnswerResumeAsync(first))
            {
                return (connection, true);
            }
        }
    }

    private static async Task WaitUntilAsync(RunningBot bot, Func<Task<bool>> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await done())
        {
            Assert.False(bot.HasExited, bot.Output);
            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task<List<string>> TakenInAsync() =>
        [.. (await _state.QueryAsync("SELECT work_key FROM accepted_work WHERE platform = 'discord'")).Select(key => key[(key.LastIndexOf(':') + 1)..])];

    private async Task<long> UnfinishedAsync() =>
        (await _state.QueryAsync("SELECT work_key FROM accepted_work WHERE status <> 'done'")).Count;

    private async Task<HashSet<string>> RecordedMessagesAsync() =>
        [.. await _state.QueryAsync("SELECT message_id FROM answers WHERE platform = 'discord'")];
}
