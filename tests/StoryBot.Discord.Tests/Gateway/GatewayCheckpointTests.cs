using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Rest;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests.Gateway;

public sealed class GatewayCheckpointTests
{
    private static readonly TimeSpan Interval = new DiscordTimings().CheckpointInterval;

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly InMemoryConnectionCheckpoints _store = new();
    private readonly BotIdentity _identity = new();

    public GatewayCheckpointTests() => _identity.Set(FakeDiscord.BotUserId);

    public sealed class Track
    {
        private readonly GatewayCheckpointTests _t = new();

        [Fact]
        public async Task TheSavedSequenceStaysBelowAMessageWhoseJournalWriteHasNotCommitted()
        {
            using var checkpoint = _t.Checkpoint();
            var journaling = new TaskCompletionSource<object?>();
            checkpoint.Begin("session-1", "wss://resume.example");
            checkpoint.Track(1, Task.CompletedTask);
            checkpoint.Track(2, journaling.Task);
            checkpoint.Track(3, Task.CompletedTask);

            await checkpoint.SaveAsync(CancellationToken.None);
            Assert.Equal(1, (await _t.SavedAsync())!.Seq);

            journaling.SetResult(null);
            await checkpoint.SaveAsync(CancellationToken.None);
            Assert.Equal(3, (await _t.SavedAsync())!.Seq);
        }

        [Fact]
        public async Task AJournalWriteCancelledAtStopHoldsTheSequenceSoTheNextRunHearsTheMessageAgain()
        {
            using var checkpoint = _t.Checkpoint();
            checkpoint.Begin("session-1", "wss://resume.example");
            checkpoint.Track(1, Task.CompletedTask);
            checkpoint.Track(2, Task.FromCanceled(new CancellationToken(canceled: true)));
            checkpoint.Track(3, Task.CompletedTask);

            await checkpoint.SaveAsync(CancellationToken.None);

            Assert.Equal(1, (await _t.SavedAsync())!.Seq);
        }

        [Fact]
        public async Task AWriteStillPendingFromTheLastSessionDoesNotHoldANewOne()
        {
            using var checkpoint = _t.Checkpoint();
            checkpoint.Begin("session-1", "wss://resume.example");
            checkpoint.Track(1, Task.CompletedTask);
            checkpoint.Track(2, new TaskCompletionSource().Task);

            checkpoint.Begin("session-2", "wss://resume.example");
            checkpoint.Track(1, Task.CompletedTask);
            checkpoint.Track(2, Task.CompletedTask);
            await checkpoint.SaveAsync(CancellationToken.None);

            Assert.Equal(new SavedSession("session-2", "wss://resume.example", 2, FakeDiscord.BotUserId), await _t.SavedAsync());
        }

        [Fact]
        public async Task AForgottenSessionIsNotSaved()
        {
            using var checkpoint = _t.Checkpoint();
            checkpoint.Begin("session-1", "wss://resume.example");
            checkpoint.Track(1, Task.CompletedTask);

            checkpoint.Forget();
            await checkpoint.SaveAsync(CancellationToken.None);

            Assert.Null(await _t.SavedAsync());
        }
    }

    public sealed class Run
    {
        private readonly GatewayCheckpointTests _t = new();

        [Fact]
        public async Task SavesEveryIntervalAndOnceMoreWhenStopped()
        {
            var store = new RecordingCheckpoints();
            using var checkpoint = _t.Checkpoint(store);
            using var stopping = new CancellationTokenSource();
            checkpoint.Begin("session-1", "wss://resume.example");
            checkpoint.Track(1, Task.CompletedTask);
            var running = checkpoint.RunAsync(stopping.Token);

            _t._time.Advance(Interval);
            Assert.Equal(1, (await store.NextWriteAsync()).Seq);

            checkpoint.Track(2, Task.CompletedTask);
            await stopping.CancelAsync();
            await running;
            Assert.Equal(2, (await store.NextWriteAsync()).Seq);
        }

        [Fact]
        public async Task RestoringTheLastRunsSessionRestoresTheBotsIdentityToo()
        {
            await _t._store.WriteAsync(GatewayCheckpoint.Name, """{"session_id": "session-1", "resume_gateway_url": "wss://resume.example", "seq": 41, "user_id": "42"}""", CancellationToken.None);
            var identity = new BotIdentity();
            using var checkpoint = new GatewayCheckpoint(ShardId.Sole, _t._store, identity, new DiscordTimings(), _t._time, NullLogger<GatewayCheckpoint>.Instance);

            var restored = await checkpoint.RestoreAsync(CancellationToken.None);

            Assert.Equal(new SavedSession("session-1", "wss://resume.example", 41, "42"), restored);
            Assert.Equal("42", identity.UserId);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("""{"session_id": "session-1", "seq": 41}""")]
        public async Task AnUnreadableCheckpointMeansIdentifyingAfresh(string value)
        {
            await _t._store.WriteAsync(GatewayCheckpoint.Name, value, CancellationToken.None);
            using var checkpoint = _t.Checkpoint();

            Assert.Null(await checkpoint.RestoreAsync(CancellationToken.None));
        }
    }

    /// <summary>The Discord adapter on a loopback Gateway, stopped and started again over the same durable state.</summary>
    public sealed class AcrossARestart : IAsyncLifetime, IDisposable
    {
        private readonly GatewayCheckpointTests _t = new();
        private readonly Ed25519Signer _signer = new();
        private readonly Mock<IChatBot> _bot = BotHost.ChatBot(TestReplies.Answer());
        private readonly HeldJournal _journal;
        private FakeDiscord _discord = null!;

        public AcrossARestart() => _journal = new HeldJournal(new InMemoryWorkJournal(_t._time));

        public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

        public async Task DisposeAsync() => await _discord.DisposeAsync();

        public void Dispose() => _signer.Dispose();

        [Fact]
        public async Task AMessageDispatchedButNotYetJournaledWhenTheProcessDiesIsAnsweredAfterARestartByResuming()
        {
            const string Answered = "1100000000000000101", Unjournaled = "1100000000000000102", JournaledAfter = "1100000000000000103";
            var firstRun = new RecordingCheckpoints();
            string durable;
            await using (var first = await StartAsync(firstRun))
            {
                var connection = await _discord.NextGatewayConnectionAsync();
                await connection.SendHelloAsync();
                Assert.Equal(2, (await connection.ReceiveAsync()).GetProperty("op").GetInt32());
                await connection.SendReadyAsync("session-restart", _discord.ResumeGatewayUrl);
                Assert.Equal(1, (await firstRun.NextWriteAsync()).Seq);

                await connection.DispatchAsync("MESSAGE_CREATE", Mention(Answered, author: "1"));
                await ReplyToAsync(Answered);
                _journal.Hold(Unjournaled);
                await connection.DispatchAsync("MESSAGE_CREATE", Mention(Unjournaled, author: "2"));
                await _journal.HeldWriteStarted;
                await connection.DispatchAsync("MESSAGE_CREATE", Mention(JournaledAfter, author: "3"));
                await ReplyToAsync(JournaledAfter);

                _t._time.Advance(Interval);
                Assert.Equal(2, (await firstRun.NextWriteAsync()).Seq);

                // What a crash now would leave: the checkpoint as last written, and the journal.
                durable = (await firstRun.ReadAsync(GatewayCheckpoint.Name, CancellationToken.None))!;
            }

            _journal.Release();
            var secondRun = new RecordingCheckpoints();
            await secondRun.WriteAsync(GatewayCheckpoint.Name, durable, CancellationToken.None);
            await using var second = await StartAsync(secondRun);
            var resumed = await _discord.NextGatewayConnectionAsync();
            Assert.Equal("/resume-gateway", resumed.Path);
            await resumed.SendHelloAsync();
            var resume = await resumed.ReceiveAsync();
            Assert.Equal(2, resume.GetProperty("d").GetProperty("seq").GetInt64());
            Assert.True(await resumed.AnswerResumeAsync(resume));

            await ReplyToAsync(Unjournaled);
            Assert.All(new[] { Answered, Unjournaled, JournaledAfter }, id => Assert.Single(_discord.Requests, r => RepliesTo(r, id)));
        }

        [Fact]
        public async Task ASavedSessionDiscordNoLongerKeepsEndsInAFreshIdentify()
        {
            var checkpoints = new RecordingCheckpoints();
            await checkpoints.WriteAsync(GatewayCheckpoint.Name, $$"""{"session_id": "session-gone", "resume_gateway_url": "{{_discord.ResumeGatewayUrl}}", "seq": 7, "user_id": "{{FakeDiscord.BotUserId}}"}""", CancellationToken.None);
            await checkpoints.NextWriteAsync();
            await using var host = await StartAsync(checkpoints, new DiscordTimings
            {
                HelloTimeout = TimeSpan.FromHours(1),
                ReconnectBase = TimeSpan.Zero,
                InvalidSessionMinWait = TimeSpan.Zero,
                InvalidSessionMaxWait = TimeSpan.Zero,
            });

            var first = await _discord.NextGatewayConnectionAsync();
            await first.SendHelloAsync();
            Assert.False(await first.AnswerResumeAsync(await first.ReceiveAsync()));

            var identifying = await _discord.NextGatewayConnectionAsync();
            Assert.Equal("/gateway", identifying.Path);
            await identifying.SendHelloAsync();
            Assert.Equal(2, (await identifying.ReceiveAsync()).GetProperty("op").GetInt32());
            await identifying.SendReadyAsync("session-new", _discord.ResumeGatewayUrl);
            Assert.Equal("session-new", (await checkpoints.NextWriteAsync()).SessionId);
        }

        // A crash closes nothing: the session is left to resume, as it would be after one.
        private Task<BotHost> StartAsync(IConnectionCheckpoints checkpoints, DiscordTimings? timings = null) =>
            BotHost.StartAsync(_discord, _signer, _bot.Object, runGateway: true, settings: new Dictionary<string, string?> { ["Discord:CloseSessionOnStop"] = "false" }, services: s =>
            {
                s.AddSingleton<TimeProvider>(_t._time);
                s.AddSingleton<IWorkJournal>(_journal);
                s.AddSingleton(checkpoints);

                // On fake time neither a HELLO timeout nor a heartbeat may end the connection first.
                s.AddSingleton(timings ?? new DiscordTimings { HelloTimeout = TimeSpan.FromHours(1) });
            });

        private Task ReplyToAsync(string messageId) => _discord.WaitForRequestAsync(r => RepliesTo(r, messageId));

        private static bool RepliesTo(RecordedRequest request, string messageId) =>
            request.Method == "POST" && request.Path.StartsWith("channels/", StringComparison.Ordinal)
            && request.Json.GetProperty("message_reference").GetProperty("message_id").GetString() == messageId;

        private static string Mention(string id, string author) =>
            Payloads.Message($"<@{FakeDiscord.BotUserId}> who is altman?", mentionsBot: true, authorId: author, id: id);
    }

    private GatewayCheckpoint Checkpoint(IConnectionCheckpoints? store = null) =>
        new(ShardId.Sole, store ?? _store, _identity, new DiscordTimings(), _time, NullLogger<GatewayCheckpoint>.Instance);

    private async Task<SavedSession?> SavedAsync() =>
        await _store.ReadAsync(GatewayCheckpoint.Name, CancellationToken.None) is { } value ? JsonSerializer.Deserialize<SavedSession>(value, DiscordJson.Options) : null;

    /// <summary>Checkpoints in memory that let a test wait for each write.</summary>
    private sealed class RecordingCheckpoints : IConnectionCheckpoints
    {
        private readonly InMemoryConnectionCheckpoints _values = new();
        private readonly Channel<string> _writes = Channel.CreateUnbounded<string>();

        public Task<string?> ReadAsync(string name, CancellationToken cancellationToken) => _values.ReadAsync(name, cancellationToken);

        public async Task WriteAsync(string name, string value, CancellationToken cancellationToken)
        {
            await _values.WriteAsync(name, value, cancellationToken);
            _writes.Writer.TryWrite(value);
        }

        public async Task<SavedSession> NextWriteAsync()
        {
            using var timeout = new CancellationTokenSource(FakeDiscord.Patience);
            return JsonSerializer.Deserialize<SavedSession>(await _writes.Reader.ReadAsync(timeout.Token), DiscordJson.Options)!;
        }
    }

    /// <summary>A journal whose write for one message does not commit until the process stops.</summary>
    private sealed class HeldJournal(IWorkJournal inner) : IWorkJournal
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile string? _held;

        public Task HeldWriteStarted => _started.Task.WaitAsync(FakeDiscord.Patience);

        public void Hold(string messageId) => _held = messageId;

        public void Release() => _held = null;

        public async Task<bool> TryAcceptAsync(AcceptedWork work, CancellationToken cancellationToken)
        {
            if (_held is { } held && work.Key.EndsWith(":" + held, StringComparison.Ordinal))
            {
                _started.TrySetResult();
                await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            }

            return await inner.TryAcceptAsync(work, cancellationToken);
        }

        public Task MarkPostingAsync(string key, CancellationToken cancellationToken) => inner.MarkPostingAsync(key, cancellationToken);

        public Task CompleteAsync(string key, CancellationToken cancellationToken) => inner.CompleteAsync(key, cancellationToken);

        public Task<IReadOnlyList<AcceptedWork>> UnfinishedAsync(CancellationToken cancellationToken) => inner.UnfinishedAsync(cancellationToken);

        public Task<int> ForgetCompletedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.ForgetCompletedBeforeAsync(cutoff, cancellationToken);
    }
}
