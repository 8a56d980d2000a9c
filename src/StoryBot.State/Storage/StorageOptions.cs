namespace StoryBot.State.Storage;

/// <summary>Where durable state lives (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string DefaultSqliteConnectionString = "Data Source=storybot.db";

    /// <summary><c>sqlite</c> (default, a local file) or <c>postgres</c> (state shared by several instances).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// For SQLite defaults to <c>Data Source=storybot.db</c>, a file under <c>Storage:DataDirectory</c>
    /// when the path is relative (the folder is created if missing); required for PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The longest wait between two tries of a state write while the store cannot be reached.</summary>
    public TimeSpan OutageRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many state writes made while the store cannot be reached are kept in memory (each is also in a <c>pending-state-writes.*.jsonl</c> file in the data directory, so a restart applies them); further ones wait in that file only, up to <c>Storage:MaxSpillFileBytes</c>, and are read back in order as the earlier ones land.</summary>
    public int MaxDeferredWrites { get; set; } = 10_000;

    /// <summary>How large this process's file of state writes waiting for the store may grow (bytes; an answer record is about 1.7 KB) before it takes no new ones: it shares the data directory's disk with the SQLite state. A write neither memory nor the file can take is dropped, logged as an error.</summary>
    public long MaxSpillFileBytes { get; set; } = 1L << 30;

    /// <summary>How often a running bot looks in the data directory for waiting state writes left by an instance that has gone (crashed, and not started again), to apply them itself; it also looks at once when the store is reachable again after an outage.</summary>
    public TimeSpan SpillTakeoverInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal bool IsPostgres => string.Equals(Provider?.Trim(), Postgres, StringComparison.OrdinalIgnoreCase);

    internal string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) ? DefaultSqliteConnectionString : ConnectionString;
}
