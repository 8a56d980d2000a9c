using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Npgsql;
using StoryBot.State;

namespace StoryBot.Benchmarks.Support;

/// <summary>
/// A load tool runs the bot as it is deployed: durable state in a SQLite file (here a temporary
/// one), so every answer reads the moderation state, records the posted message, and the commands
/// are the ones users reach (the state's <c>/sources</c> and <c>/summary</c>). <c>--no-state</c> drops
/// it, to see what the state costs; <c>--postgres "Host=…"</c> puts it in a fresh database on that
/// PostgreSQL server instead (created for the run and dropped after it), as several instances
/// sharing state would run; <c>--state</c> is still understood and changes nothing.
/// </summary>
internal sealed class LoadState : IDisposable
{
    private readonly string? _directory;
    private readonly NpgsqlConnectionStringBuilder? _postgres;
    private readonly string? _adminConnectionString;

    private LoadState(string? directory, NpgsqlConnectionStringBuilder? postgres = null, string? adminConnectionString = null)
    {
        _directory = directory;
        _postgres = postgres;
        _adminConnectionString = adminConnectionString;
    }

    public bool Enabled => _directory is not null || _postgres is not null;

    public string Describe => _postgres is not null ? "durable state in PostgreSQL" : Enabled ? "durable state in SQLite" : "no durable state";

    public static LoadState FromArgs(string[] args)
    {
        if (args.Contains("--no-state"))
        {
            return new LoadState(null);
        }

        var at = Array.IndexOf(args, "--postgres");
        if (at >= 0 && at + 1 < args.Length)
        {
            return InPostgres(args[at + 1]);
        }

        return new LoadState(Directory.CreateTempSubdirectory("storybot-load-").FullName);
    }

    /// <summary>Adds durable state to the bot when asked for; call after <c>AddStoryCore</c>, as the host does.</summary>
    public void AddTo(WebApplicationBuilder builder)
    {
        if (!Enabled)
        {
            return;
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = _postgres is null ? "sqlite" : "postgres",
            ["Storage:ConnectionString"] = _postgres?.ConnectionString ?? $"Data Source={Path.Combine(_directory!, "storybot.db")}",
        });
        builder.Services.AddStoryState(builder.Configuration);
    }

    /// <summary>How many posted answers the bot has recorded so far (0 without state).</summary>
    public async Task<long> RecordedAnswersAsync()
    {
        if (_postgres is not null)
        {
            await using var postgres = new NpgsqlConnection(_postgres.ConnectionString);
            await postgres.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM answers", postgres);
            return (long)(await count.ExecuteScalarAsync())!;
        }

        if (_directory is null)
        {
            return 0;
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "storybot.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM answers";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        if (_postgres is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(_adminConnectionString);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgres.Database}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }

        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A database of its own on the server <paramref name="adminConnectionString"/> reaches, so runs never see each other's rows.</summary>
    private static LoadState InPostgres(string adminConnectionString)
    {
        var database = $"storybot_load_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            create.ExecuteNonQuery();
        }

        return new LoadState(null, new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }, adminConnectionString);
    }
}
