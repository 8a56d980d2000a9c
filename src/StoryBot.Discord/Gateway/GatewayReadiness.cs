using System.Globalization;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Whether messages and interactions arrive over the Gateway now, on every shard this process runs
/// (<see cref="ShardReadiness"/>): ready when all are, partly ready when some are, naming the shards
/// that are not and why. A process that runs the whole bot on one connection (shard 0 of 1) reports
/// that connection as it is.
/// </summary>
internal sealed class GatewayReadiness(DiscordPlatformStatus status, DiscordTimings timings) : IConnectionReadiness
{
    public const string CheckName = "discord-gateway";

    // Written once the shards are known, read by probes.
    private volatile ShardReadiness[] _shards = [];
    private volatile string _beforeShards = ShardReadiness.Connecting;

    public string Name => CheckName;

    public ConnectionReadiness Current
    {
        get
        {
            if (status.IsDisabled)
            {
                return ConnectionReadiness.Down($"Discord is disabled: {status.Reason}");
            }

            var shards = _shards;
            return shards switch
            {
                [] => ConnectionReadiness.Down(_beforeShards),
                [var only] when only.Shard.IsSole => only.Current,
                _ => Summarise(shards),
            };
        }
    }

    /// <summary>The shards this process runs, in the order given; each reports through the one returned for it.</summary>
    public IReadOnlyList<ShardReadiness> Serve(IReadOnlyList<ShardId> shards)
    {
        var serving = shards.Select(shard => new ShardReadiness(shard, timings)).ToArray();
        _shards = serving;
        return serving;
    }

    /// <summary>Why there are no shards yet (the recommended count is not known).</summary>
    public void NoShardsYet(string why) => _beforeShards = why;

    private static ConnectionReadiness Summarise(ShardReadiness[] shards)
    {
        var now = shards.Select(shard => (shard.Shard, Readiness: shard.Current)).ToList();
        var ready = now.Count(s => s.Readiness.State == ConnectionState.Up);
        var of = $"{ready} of {shards.Length} shards ready ({Ids(shards.Select(s => s.Shard.Id))} of {shards[0].Shard.Count})";
        if (ready == shards.Length)
        {
            return ConnectionReadiness.Up(of);
        }

        // Shards down for the same reason are named together, so many shards connecting at once stay one line.
        var notReady = now.Where(s => s.Readiness.State != ConnectionState.Up)
            .GroupBy(s => s.Readiness.Description)
            .Select(group => $"{(group.Count() == 1 ? "shard" : "shards")} {Ids(group.Select(s => s.Shard.Id))}: {group.Key}");
        var description = $"{of}; {string.Join("; ", notReady)}";
        return ready > 0 ? ConnectionReadiness.Partial(description) : ConnectionReadiness.Down(description);
    }

    /// <summary>Shard ids as a reader scans them: runs of three or more as a range (<c>0–15</c>).</summary>
    private static string Ids(IEnumerable<int> ids)
    {
        var parts = new List<string>();
        var sorted = ids.Order().ToList();
        for (var start = 0; start < sorted.Count;)
        {
            var end = start;
            while (end + 1 < sorted.Count && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            parts.Add(end - start >= 2
                ? string.Create(CultureInfo.InvariantCulture, $"{sorted[start]}–{sorted[end]}")
                : string.Join(", ", sorted[start..(end + 1)].Select(id => id.ToString(CultureInfo.InvariantCulture))));
            start = end + 1;
        }

        return string.Join(", ", parts);
    }
}
