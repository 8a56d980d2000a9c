using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using StoryBot.State.Storage;
using StoryBot.Testing.Storage;

namespace StoryBot.Benchmarks.Dashboard;

/// <summary>
/// Where the dashboard benchmark keeps the bot's state: the SQLite file in the data directory, or a
/// database of its own on the PostgreSQL server named by STORYBOT_TEST_POSTGRES, dropped at the end.
/// The fill writes through <see cref="Open"/> whichever it is.
/// </summary>
internal abstract class DashboardStateStore : IDisposable
{
    /// <summary>The stores this machine can run: PostgreSQL only where a server is configured.</summary>
    public static IEnumerable<string> Available()
    {
        yield return StorageOptions.Sqlite;
        if (PostgresTestServer.ConnectionString is null)
        {
            Console.WriteLine(
                $"// DashboardPageBenchmarks: {PostgresTestServer.Variable} is not set, so the pages are not measured with the state in PostgreSQL " +
                "(start a server with `bash .ci/start-postgres.sh` and set it to its connection string).");
            yield break;
        }

        yield return StorageOptions.Postgres;
    }

    public static async Task<DashboardStateStore> CreateAsync(string provider, string dataDirectory) => provider switch
    {
        StorageOptions.Sqlite => new Sqlite(Path.Combine(dataDirectory, "state.db")),
        StorageOptions.Postgres => await Postgres.CreateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Not a state store"),
    };

    /// <summary>The bot's command-line settings for this store.</summary>
    public abstract IEnumerable<string> Args { get; }

    /// <summary>
    /// What the store runs once the rows are in, as it would have done by itself over a year: fresh
    /// statistics, and on PostgreSQL the vacuum that marks the pages all-visible, which would otherwise
    /// come from autovacuum at some moment of the measurement.
    /// </summary>
    public abstract string AfterFill { get; }

    /// <summary>An open connection for the fill, with no pooled connection of the bot's first run left behind.</summary>
    public abstract DbConnection Open();

    /// <summary>Drops what the store made for the run (the SQLite file goes with the data directory).</summary>
    public abstract void Dispose();

    private sealed class Sqlite(string file) : DashboardStateStore
    {
        public override IEnumerable<string> Args => [$"--Storage:ConnectionString=Data Source={file}"];

        public override string AfterFill => "ANALYZE;";

        public override DbConnection Open()
        {
            SqliteConnection.ClearAllPools();
            var connection = new SqliteConnection($"Data Source={file}");
            connection.Open();
            return connection;
        }

        public override void Dispose()
        {
        }
    }

    private sealed class Postgres(string database, string connectionString) : DashboardStateStore
    {
        public static async Task<DashboardStateStore> CreateAsync()
        {
            var database = $"storybot_dashboard_{Guid.NewGuid():N}";
            return new Postgres(database, await PostgresTestServer.CreateDatabaseAsync(database));
        }

        public override IEnumerable<string> Args =>
            [$"--Storage:Provider={StorageOptions.Postgres}", $"--Storage:ConnectionString={connectionString}"];

        public override string AfterFill => "VACUUM ANALYZE;";

        public override DbConnection Open()
        {
            NpgsqlConnection.ClearAllPools();
            var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            return connection;
        }

        public override void Dispose()
        {
            NpgsqlConnection.ClearAllPools();
            PostgresTestServer.DropDatabaseAsync(database).GetAwaiter().GetResult();
        }
    }
}
