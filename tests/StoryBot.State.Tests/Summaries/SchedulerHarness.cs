using System.Threading.Channels;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Summaries;
using StoryBot.State.Tests.Storage;
using StoryBot.State.Telemetry;
using StoryBot.Testing.Telemetry;

namespace StoryBot.State.Tests.Summaries;

/// <summary>
/// Runs scheduler instances on one database and one fake clock. The clock only moves when a
/// test moves it, and only after every running instance has gone to sleep, so each wake is
/// handled completely before the next: no wall-clock waits, no races with the test.
/// </summary>
internal sealed class SchedulerHarness(StorageBackend backend, DateTimeOffset start)
{
    // A guard against a hung scheduler, not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly List<Instance> _running = [];

    public FakeTimeProvider Time { get; } = new(start);

    public FakeLogCollector Logs { get; } = new();

    public SummariesOptions Options { get; } = new();

    public KnowledgePack Pack { get; set; } = SummaryTestPack.Build();

    public CitationFilter Filter { get; set; } = CitationFilter.AllowAll;

    /// <summary>Whether the running instances' ledger cannot be reached (<see cref="Ledger"/>, for looking, always can).</summary>
    public bool StoreCut { get; set; }

    public FakePoster Discord => _discord ??= new FakePoster("discord", Time);

    private FakePoster? _discord;

    public SchedulerHarness Schedule(string name, string channel, string? time = null, string? cron = null, string platform = "discord", string language = "en", string zone = "Europe/Berlin")
    {
        Options.Schedules.Add(new SummaryScheduleOptions
        {
            Name = name, Platform = platform, ChannelId = channel, Time = time, Cron = cron, TimeZone = zone, Language = language,
        });
        return this;
    }

    /// <summary>A ledger on its own connection to the database, for looking at what was recorded.</summary>
    public ISummaryLedger Ledger() => new SqlSummaryLedger(backend.Open(new SummaryLedgerSchema()));

    /// <summary>Starts another scheduler instance (a restart, or a second bot) and waits until it sleeps.</summary>
    public async Task<Instance> StartAsync(params IChannelPoster[] posters)
    {
        var knowledge = new Mock<IKnowledgeProvider>();
        knowledge.SetupGet(k => k.Current).Returns(() => Pack);
        var policy = new Mock<ICitationPolicy>();
        policy.Setup(p => p.GetFilterAsync(It.IsAny<CancellationToken>())).Returns(() => ValueTask.FromResult(Filter));

        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var logger = new FakeLogger<SummaryScheduler>(Logs);
        var ledger = new CuttableLedger(Ledger(), () => StoreCut);
        var poster = new ScheduledSummaryPoster(posters.Length > 0 ? posters : [Discord], [], logger);
        var worker = new SummarySlotWorker(
            options,
            new SummarySlotClaimer(ledger, options, new StateTelemetry(new TestMeterFactory()), Time, logger),
            new ScheduledSummaryComposer(new StorySummaryComposer(), knowledge.Object, policy.Object, ledger),
            poster,
            Time);
        var scheduler = new SummaryScheduler(options, worker, poster, Time, logger);
        var instance = new Instance(scheduler);
        await scheduler.StartAsync(CancellationToken.None);
        await instance.WaitSleepingAsync();
        _running.Add(instance);
        return instance;
    }

    public async Task StopAsync(Instance instance)
    {
        _running.Remove(instance);
        await instance.Scheduler.StopAsync(CancellationToken.None);
        instance.Scheduler.Dispose();
    }

    public async Task StopAllAsync()
    {
        foreach (var instance in _running.ToList())
        {
            await StopAsync(instance);
        }
    }

    /// <summary>Moves the clock to <paramref name="target"/> through every wake of every running instance.</summary>
    public async Task RunUntilAsync(DateTimeOffset target)
    {
        while (true)
        {
            var now = Time.GetUtcNow();
            var next = _running.Count == 0 ? DateTimeOffset.MaxValue : _running.Min(i => i.NextWake);
            if (next > target)
            {
                if (target > now)
                {
                    Time.Advance(target - now);
                }

                return;
            }

            var due = _running.Where(i => i.NextWake <= next).ToList();
            if (next > now)
            {
                Time.Advance(next - now);
            }

            foreach (var instance in due)
            {
                await instance.WaitSleepingAsync();
            }
        }
    }

    /// <summary>Jumps the clock while no instance runs (downtime).</summary>
    public void JumpTo(DateTimeOffset target)
    {
        Assert.Empty(_running);
        Time.Advance(target - Time.GetUtcNow());
    }

    public IReadOnlyList<FakeLogRecord> LogsAt(Microsoft.Extensions.Logging.LogLevel level) =>
        [.. Logs.GetSnapshot().Where(record => record.Level == level)];

    internal sealed class Instance
    {
        private readonly Channel<DateTimeOffset> _sleeps = Channel.CreateUnbounded<DateTimeOffset>();

        public Instance(SummaryScheduler scheduler)
        {
            Scheduler = scheduler;
            scheduler.Sleeping += wake => _sleeps.Writer.TryWrite(wake);
        }

        public SummaryScheduler Scheduler { get; }

        public DateTimeOffset NextWake { get; private set; }

        public async Task WaitSleepingAsync() =>
            NextWake = await _sleeps.Reader.ReadAsync().AsTask().WaitAsync(Patience);
    }
}
