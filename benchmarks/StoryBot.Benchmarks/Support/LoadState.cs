using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using StoryBot.State;

namespace StoryBot.Benchmarks.Support;

/// <summary>
/// A load tool runs the bot as it is deployed: durable state in a SQLite file (here a temporary
/// one), so every answer reads the moderation state, records the posted message, and the commands
/// are the ones users reach (the state's <c>/sources</c> and <c>/summary</c>). <c>--no-state</c> drops
/// it, to see what the state costs; <c>--state</c> is still understood and changes nothing.
/// </summary>
internal sealed class LoadState : IDisposable
{
    private readonly string? _directory;

    private LoadState(string? directory) => _directory = directory;

    public bool Enabled => _directory is not null;

    public string Describe => Enabled ? "durable state in SQLite" : "no durable state";

    public static LoadState FromArgs(string[] args) =>
        new(args.Contains("--no-state") ? null : Directory.CreateTempSubdirectory("storybot-load-").FullName);

    /// <summary>Adds durable state to the bot when asked for; call after <c>AddStoryCore</c>, as the host does.</summary>
    public void AddTo(WebApplicationBuilder builder)
    {
        if (_directory is null)
        {
            return;
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "storybot.db")}",
        });
        builder.Services.AddStoryState(builder.Configuration);
    }

    /// <summary>How many posted answers the bot has recorded so far (0 without state).</summary>
    public async Task<long> RecordedAnswersAsync()
    {
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
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
