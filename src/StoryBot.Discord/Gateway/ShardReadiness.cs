using System.Globalization;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Whether one shard's events arrive now: from READY or RESUMED until its connection ends, and only
/// while heartbeats are acknowledged. An open socket alone is not enough: a zombie connection stays
/// open and delivers nothing. A beat whose ACK is late by more than
/// <see cref="DiscordTimings.HeartbeatAckPatience"/> makes the shard unready at once, before the
/// next beat confirms the zombie and the connection is replaced.
/// </summary>
internal sealed class ShardReadiness(ShardId shard, DiscordTimings timings)
{
    public const string Connecting = "connecting to the Discord Gateway";

    // Written by the shard's connection loop, read by probes: the ready connection's heartbeat,
    // null while there is none, and why not.
    private volatile Heartbeater? _ready;
    private volatile string _notReady = Connecting;

    public ShardId Shard => shard;

    /// <summary>Up, or down with the reason; whether Discord as a whole is disabled is not the shard's to say.</summary>
    public ConnectionReadiness Current
    {
        get
        {
            if (_ready is not { } heartbeat)
            {
                return ConnectionReadiness.Down(_notReady);
            }

            var patience = heartbeat.Interval < timings.HeartbeatAckPatience ? heartbeat.Interval : timings.HeartbeatAckPatience;
            if (heartbeat.Unacknowledged is { } waiting && waiting > patience)
            {
                return ConnectionReadiness.Down($"session open, but the last heartbeat has had no acknowledgement for {Seconds(waiting)}");
            }

            return ConnectionReadiness.Up(heartbeat.SinceAcknowledged is { } since
                ? $"session ready; last heartbeat acknowledged {Seconds(since)} ago (one every {Seconds(heartbeat.Interval)})"
                : $"session ready; first heartbeat not yet due (one every {Seconds(heartbeat.Interval)})");
        }
    }

    /// <summary>READY or RESUMED arrived on the connection this heartbeat keeps alive.</summary>
    public void SessionReady(Heartbeater heartbeat) => _ready = heartbeat;

    public void NotReady(string why)
    {
        // The reason first, so a probe that sees no session also sees why.
        _notReady = why;
        _ready = null;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
