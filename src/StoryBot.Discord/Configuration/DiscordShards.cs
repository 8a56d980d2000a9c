namespace StoryBot.Discord.Configuration;

/// <summary>The values of <see cref="DiscordOptions.Shards"/>.</summary>
internal static class DiscordShards
{
    /// <summary>Run as many shards as <c>GET /gateway/bot</c> recommends, all in this process.</summary>
    public const string Auto = "auto";

    /// <summary>Run <see cref="DiscordOptions.ShardIds"/> of <see cref="DiscordOptions.ShardCount"/>.</summary>
    public const string Explicit = "explicit";

    public static bool IsAuto(DiscordOptions options) => string.Equals(options.Shards, Auto, StringComparison.OrdinalIgnoreCase);

    public static bool IsExplicit(DiscordOptions options) => string.Equals(options.Shards, Explicit, StringComparison.OrdinalIgnoreCase);
}
