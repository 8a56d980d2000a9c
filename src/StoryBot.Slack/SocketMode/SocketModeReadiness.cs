using Microsoft.Extensions.Options;
using StoryBot.Core.Platforms;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.SocketMode;

/// <summary>
/// Whether envelopes arrive over Socket Mode now: which of the <see cref="SlackOptions.SocketConnections"/>
/// connections have said hello and not yet ended, as <see cref="SlackConnectionService"/> sees them.
/// Some open is enough to answer (partial); none open, or Socket Mode off for the app, is not.
/// </summary>
internal sealed class SocketModeReadiness(IOptions<SlackOptions> options, SlackPlatformState platform) : IConnectionReadiness
{
    public const string CheckName = "slack-socket-mode";

    // One flag per slot (slots count from 1), written by the slot's loop and read by probes.
    private readonly int[] _open = new int[options.Value.SocketConnections];
    private volatile string _lastEnd = "connecting to Slack";
    private volatile string? _stopped;

    public string Name => CheckName;

    public ConnectionReadiness Current
    {
        get
        {
            if (platform.IsDisabled)
            {
                return ConnectionReadiness.Down($"Slack is disabled: {platform.Reason}");
            }

            if (_stopped is { } why)
            {
                return ConnectionReadiness.Down(why);
            }

            var open = 0;
            for (var slot = 0; slot < _open.Length; slot++)
            {
                open += Volatile.Read(ref _open[slot]);
            }

            var of = $"{open} of {_open.Length} Socket Mode connections open";
            return open == _open.Length ? ConnectionReadiness.Up(of)
                : open > 0 ? ConnectionReadiness.Partial($"{of}; {_lastEnd}")
                : ConnectionReadiness.Down($"{of}; {_lastEnd}");
        }
    }

    public void Opened(int slot) => Volatile.Write(ref _open[slot - 1], 1);

    public void Ended(int slot, string why)
    {
        _lastEnd = why;
        Volatile.Write(ref _open[slot - 1], 0);
    }

    /// <summary>Socket Mode will not reconnect (Slack turned it off for the app).</summary>
    public void Stopped(string why) => _stopped = why;
}
