namespace StoryBot.Benchmarks.Support;

/// <summary>
/// With <c>--state</c>, a load tool runs the bot as it is deployed by default: durable state in a
/// SQLite file (here a temporary one), so every answer reads the moderation state and records the
/// posted message.
/// </summary>
internal sealed class LoadState : IDisposable
{
    private readonly string? _directory;

    private LoadState(string? directory) => _directory = directory;

    public bool Enabled => _directory is not null;

    public string Describe => Enabled ? "durable state in SQLite" : "no durable state";

    public static LoadState FromArgs(string[] args) =>
        new(args.Contains("--state") ? Directory.CreateTempSubdirectory("storybot-load-").FullName : null);

    /// <summary>The configuration that points the bot's state at the temporary database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        if (_directory is not null)
        {
            yield return new("Storage:Provider", "sqlite");
            yield return new("Storage:ConnectionString", $"Data Source={Path.Combine(_directory, "storybot.db")}");
        }
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
