using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation;
using StoryBot.Core.DataFiles;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// The queue of state writes that wait for the store, over a real SQLite file that a test takes
/// away (SQLite then cannot open it: the connection string does not let it create one) and puts
/// back while the queue runs, on a fake clock. The file goes before anything is written to it:
/// the store keeps its writer's connection open once it has one, and that one would write on.
/// </summary>
internal sealed class SqliteOutage : IAsyncDisposable
{
    // Safety net for a hung retry, not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Action<StorageOptions> _storage;
    private readonly Action<IServiceCollection>? _replace;
    private ServiceProvider _services;

    private SqliteOutage(Action<StorageOptions> storage, Action<IServiceCollection>? replace)
    {
        Directory.CreateDirectory(DataDirectory);
        using (var create = new SqliteConnection($"Data Source={DatabaseFile}"))
        {
            create.Open();
        }

        _storage = storage;
        _replace = replace;
        _services = Build();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new DataDirectory(DataDirectory, DataDirectory));
        services.AddOptions<StorageOptions>().Configure(_storage);
        services.AddStateOutageTolerance();
        services.AddSingleton<IStateDatabase>(provider => new SqliteStateDatabase(
            $"Data Source={DatabaseFile};Mode=ReadWrite",
            [new ModerationSchema()],
            provider.GetRequiredService<ILogger<SqliteStateDatabase>>(),
            provider.GetRequiredService<StoreReachability>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateWriteKind, UnansweredQuestionWrite>());
        _replace?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The bot's own folder, with the SQLite file and the files of writes waiting for it.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "storybot-sqlite-outage-" + Guid.NewGuid().ToString("N"));

    /// <summary>The spill file of another instance sharing the data directory, to leave writes in as one that crashes does.</summary>
    public StateWriteSpill OtherInstancesSpill() =>
        new(new DataDirectory(DataDirectory, DataDirectory), Options.Create(new StorageOptions()), Time, NullLogger<StateWriteSpill>.Instance);

    /// <summary>The write that records <paramref name="question"/> as unanswered, now.</summary>
    public StateWrite UnansweredWrite(string question) =>
        UnansweredQuestionWrite.Of(new UnansweredQuestion(question, Language.English, "discord", ChannelKind.Channel, Time.GetUtcNow()));

    public string[] SpillFiles => Directory.GetFiles(DataDirectory, StateWriteSpill.FilePrefix + "*");

    public DeferredStateWrites Writes => _services.GetRequiredService<DeferredStateWrites>();

    /// <summary>Whether the store answered its last call.</summary>
    public bool Reachable => _services.GetRequiredService<StoreReachability>().IsReachable;

    public FakeLogCollector Logs => _services.GetRequiredService<FakeLogCollector>();

    private string DatabaseFile => Path.Combine(DataDirectory, "state.db");

    private string AwayFolder => DataDirectory + "-away";

    /// <summary>
    /// The store migrated and the queue and the takeover running, with these <c>Storage</c> options
    /// and, should a test need them, services of its own in place of the usual ones (<paramref name="replace"/>, at every start).
    /// </summary>
    public static async Task<SqliteOutage> StartAsync(Action<StorageOptions> storage, Action<IServiceCollection>? replace = null)
    {
        var outage = new SqliteOutage(storage, replace);
        await outage.StartAsync();
        return outage;
    }

    /// <summary>
    /// Stops the queue as the host stops it and starts it anew on the same data directory and
    /// clock, applying what the last run left as the host's start does.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _services = Build();
        await StartAsync();
    }

    /// <summary>Takes the SQLite file (and its write-ahead log, if any) away.</summary>
    public void Cut()
    {
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(AwayFolder);
        foreach (var file in Directory.GetFiles(DataDirectory, "state.db*"))
        {
            File.Move(file, Path.Combine(AwayFolder, Path.GetFileName(file)));
        }
    }

    public void Restore()
    {
        foreach (var file in Directory.GetFiles(AwayFolder))
        {
            File.Move(file, Path.Combine(DataDirectory, Path.GetFileName(file)));
        }
    }

    /// <summary>An unanswered question recorded as the bot records one, through the queue.</summary>
    public Task RecordAsync(string question) =>
        Writes.RunAsync(
            UnansweredQuestionWrite.Of(new UnansweredQuestion(question, Language.English, "discord", ChannelKind.Channel, Time.GetUtcNow())),
            CancellationToken.None);

    /// <summary>The unanswered questions in the store, in the order they were inserted.</summary>
    public async Task<string[]> QuestionsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT question FROM unanswered_questions ORDER BY id";
        var questions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            questions.Add(reader.GetString(0));
        }

        return [.. questions];
    }

    /// <summary>Moves the clock by <paramref name="step"/> (zero: not at all) until <paramref name="done"/> holds, checking between small real waits.</summary>
    /// <returns>How far the clock moved.</returns>
    public async Task<TimeSpan> UntilAsync(Func<bool> done, TimeSpan step)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        var moved = TimeSpan.Zero;
        while (!done())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The state store did not catch up in time.");
            Time.Advance(step);
            moved += step;
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        return moved;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        foreach (var folder in new[] { DataDirectory, AwayFolder }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task StartAsync()
    {
        await _services.GetRequiredService<IStateDatabase>().MigrateAsync(CancellationToken.None);
        await Writes.ReplayLeftOverAsync(CancellationToken.None);
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    private async Task StopAsync()
    {
        foreach (var hosted in _services.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
