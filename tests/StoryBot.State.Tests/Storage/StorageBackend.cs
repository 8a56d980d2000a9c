using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;
using StoryBot.Testing.Storage;

namespace StoryBot.State.Tests.Storage;

/// <summary>
/// One empty database for one test. <see cref="Open"/> may be called again for a second
/// instance on the same data: a restart, or another bot instance.
/// </summary>
public abstract class StorageBackend : IAsyncDisposable
{
    private readonly List<StateDatabase> _opened = [];

    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract Task InitializeAsync();

    public StateDatabase Open(params IStateMigrations[] extraMigrations) => OpenWith([new ModerationSchema(), .. extraMigrations]);

    /// <summary>An instance whose schema is <paramref name="migrations"/> alone: a database as an earlier release left it.</summary>
    public StateDatabase OpenWith(IStateMigrations[] migrations)
    {
        StateDatabase database = Provider == StorageOptions.Postgres
            ? new PostgresStateDatabase(ConnectionString, migrations, NullLogger<PostgresStateDatabase>.Instance)
            : new SqliteStateDatabase(ConnectionString, migrations, NullLogger<SqliteStateDatabase>.Instance);
        _opened.Add(database);
        return database;
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteBackend : StorageBackend
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "storybot-tests", Guid.NewGuid().ToString("N"));

    public override string Provider => StorageOptions.Sqlite;

    public string FilePath => Path.Combine(_directory, "data", "state.db");

    public override string ConnectionString => $"Data Source={FilePath}";

    public override Task InitializeAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind does no harm.
        }
    }
}

public sealed class PostgresBackend : StorageBackend
{
    private readonly string _name = "storybot_test_" + Guid.NewGuid().ToString("N");
    private string? _connectionString;

    public override string Provider => StorageOptions.Postgres;

    public override string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialized");

    public override async Task InitializeAsync() => _connectionString = await PostgresTestServer.CreateDatabaseAsync(_name);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_name);
        }
    }
}
