namespace StoryBot.Discord.Configuration;

/// <summary>
/// Waits the protocol prescribes (backoffs, identify windows). Not configuration a server owner
/// should touch; a separate object so tests can shorten them.
/// </summary>
internal sealed class DiscordTimings
{
    /// <summary>First REST retry wait after a 5xx or a timeout; doubles per attempt.</summary>
    public TimeSpan RestRetryBase { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RestRetryCap { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Most 429 answers one call accepts before giving up.</summary>
    public int MaxRateLimitedRetries { get; init; } = 5;

    /// <summary>After the bot's close frame on stop, how long it reads what Discord had already sent before giving up on Discord's close.</summary>
    public TimeSpan CloseHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gateway reconnect backoff: 1 s doubling with jitter, capped at 60 s.</summary>
    public TimeSpan ReconnectBase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectCap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Discord asks for a random 1–5 s wait before identifying after an invalid session.</summary>
    public TimeSpan InvalidSessionMinWait { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionMaxWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Shards of one identify bucket (<c>shard_id % max_concurrency</c>) identify at most once per this window.</summary>
    public TimeSpan IdentifyWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an answer of <c>GET /gateway/bot</c> is used again: shards starting together ask once,
    /// and an identify after that asks afresh (another process may have spent identifies meanwhile).
    /// </summary>
    public TimeSpan GatewayInfoLifetime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A random share in [0, 1) for the jittered waits (first heartbeat, reconnects).</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>
    /// How long a heartbeat may wait for its ACK (which normally follows within a second) before
    /// the Gateway counts as not ready; the heartbeat interval instead, when that is shorter.
    /// </summary>
    public TimeSpan HeartbeatAckPatience { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for HELLO after connecting before giving the connection up.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts to learn the message id of an inline interaction answer.</summary>
    public int OriginalMessageAttempts { get; init; } = 3;

    public TimeSpan OriginalMessageRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the Gateway session is saved for the next run. Longer only means more dispatches
    /// replayed after a crash (the journal refuses the ones it has); shorter means more writes.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);
}
