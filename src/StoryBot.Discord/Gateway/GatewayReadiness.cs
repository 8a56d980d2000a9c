using System.Globalization;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Whether messages and interactions arrive over the Gateway now: from READY or RESUMED until the
/// connection ends, and only while heartbeats are acknowledged. An open socket alone is not enough:
/// a zombie connection stays open and delivers nothing. A beat whose ACK is late by more than
/// <see cref="DiscordTimings.HeartbeatAckPatience"/> makes the Gateway unready at once, before the
/// next beat confirms the zombie and the connection is replaced.
/// </summary>
internal sealed class GatewayReadiness(DiscordPlatformStatus status, DiscordTimings timings) : IConnectionReadiness
{
    public const string CheckName = "discord-gateway";

    // Written by the connection loop, read by probes: the ready connection's heartbeat, null while
    // there is none, and why not.
    private volatile Heartbeater? _ready;
    private volatile string _notReady = "connecting to the Discord Gateway";

    public string Name => CheckName;

    public ConnectionReadiness Current
    {
        get
        {
            if (status.IsDisabled)
            {
                return ConnectionReadiness.Down($"Discord is disabled: {status.Reason}");
            }

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
