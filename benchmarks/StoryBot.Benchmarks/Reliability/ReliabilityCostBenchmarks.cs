using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.State;
using StoryBot.State.Storage;

namespace StoryBot.Benchmarks.Reliability;

/// <summary>
/// What the safeguards of a request cost, beside what a request costs without them: reading the
/// body within the unverified-body budget against a plain copy, and keeping the request in the work
/// journal (accepted, posting, done) in memory and in a SQLite file, alone and with 64 requests at
/// once (which share commits). The SQLite journal is the one the bot runs with durable state.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*ReliabilityCost*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ReliabilityCostBenchmarks : IDisposable
{
    private const int AtOnce = 64;

    /// <summary>A slash command as Slack sends it: a form of about 600 bytes.</summary>
    private readonly byte[] _form = Encoding.UTF8.GetBytes(
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc"
        + "&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=%2Fwho-is&text=altman"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0"
        + "&api_app_id=A123456&is_enterprise_install=false");

    private readonly UnverifiedBodies _bodies = new(TimeProvider.System);
    private readonly InMemoryWorkJournal _inMemory = new(TimeProvider.System);
    private ServiceProvider? _state;
    private IWorkJournal _sqlite = null!;
    private string _directory = string.Empty;
    private long _next;

    [GlobalSetup]
    public async Task OpenStateAsync()
    {
        _directory = Directory.CreateTempSubdirectory("storybot-reliability-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "sqlite",
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "storybot.db")}",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStoryState(configuration);
        _state = services.BuildServiceProvider();
        await _state.GetRequiredService<IStateDatabase>().MigrateAsync(CancellationToken.None);
        _sqlite = _state.GetRequiredService<IWorkJournal>();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _state?.Dispose();
        _bodies.Dispose();
        SqliteConnection.ClearAllPools();
        if (_directory.Length > 0)
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "body: plain copy")]
    public async Task<byte[]> PlainRead()
    {
        using var copy = new MemoryStream();
        await new MemoryStream(_form).CopyToAsync(copy);
        return copy.ToArray();
    }

    [Benchmark(Description = "body: within the budget")]
    public async Task<byte[]?> BudgetedRead() =>
        (await _bodies.ReadAsync(new MemoryStream(_form), _form.Length, CancellationToken.None)).Body;

    [Benchmark(Description = "journal: in memory")]
    public Task InMemoryJournal() => KeepAsync(_inMemory);

    [Benchmark(Description = "journal: SQLite, one request at a time")]
    public Task SqliteJournal() => KeepAsync(_sqlite);

    [Benchmark(Description = "journal: SQLite, 64 requests at once (per request)", OperationsPerInvoke = AtOnce)]
    public Task SqliteJournalAtOnce() => Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => KeepAsync(_sqlite)));

    /// <summary>A request's whole life in the journal: accepted before the acknowledgement, posting, done.</summary>
    private async Task KeepAsync(IWorkJournal journal)
    {
        var key = "cost:" + Interlocked.Increment(ref _next);
        var now = TimeProvider.System.GetUtcNow();
        await journal.TryAcceptAsync(new AcceptedWork(key, "slack", "command", Encoding.UTF8.GetString(_form), now, now.AddMinutes(30)), CancellationToken.None);
        await journal.MarkPostingAsync(key, CancellationToken.None);
        await journal.CompleteAsync(key, CancellationToken.None);
    }
}
