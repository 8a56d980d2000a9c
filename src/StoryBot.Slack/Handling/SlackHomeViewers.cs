using Microsoft.Extensions.Options;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Handling;

/// <summary>
/// Who opened the app's Home tab lately (within <see cref="SlackOptions.HomeViewerLifetime"/>), so a
/// change reaches the tabs people may still be looking at. Bounded: when full, the longest ago goes.
/// </summary>
internal sealed class SlackHomeViewers(IOptions<SlackOptions> options, TimeProvider time)
{
    /// <summary>Viewers kept at most; past this a change reaches only the most recent ones, each at the refresh pace.</summary>
    public const int Capacity = 1_000;

    private readonly Dictionary<string, HomeViewer> _viewers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Opened(string userId, string channelId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _viewers[userId] = new HomeViewer(userId, channelId, now);
            if (_viewers.Count > Capacity)
            {
                _viewers.Remove(_viewers.Values.MinBy(viewer => viewer.OpenedAt)!.UserId);
            }
        }
    }

    /// <summary>The viewers still within their lifetime, most recent first; the expired are forgotten.</summary>
    public IReadOnlyList<HomeViewer> Recent()
    {
        var since = time.GetUtcNow() - options.Value.HomeViewerLifetime;
        lock (_gate)
        {
            foreach (var expired in _viewers.Values.Where(viewer => viewer.OpenedAt < since).ToList())
            {
                _viewers.Remove(expired.UserId);
            }

            return [.. _viewers.Values.OrderByDescending(viewer => viewer.OpenedAt)];
        }
    }
}

/// <param name="ChannelId">The app's direct-message conversation with the user, which Slack names with the event.</param>
internal sealed record HomeViewer(string UserId, string ChannelId, DateTimeOffset OpenedAt);
