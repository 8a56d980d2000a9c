using StoryBot.Core.Platforms;

namespace StoryBot.Core.Conversation;

/// <summary>Finding the poster of a platform among those registered.</summary>
public static class ChannelPosters
{
    /// <summary>The poster of <paramref name="platform"/>, or null when none is registered.</summary>
    public static IChannelPoster? For(this IEnumerable<IChannelPoster> posters, string platform) =>
        posters.FirstOrDefault(poster => string.Equals(poster.Platform, platform, StringComparison.OrdinalIgnoreCase));

    /// <summary>What one message of <paramref name="platform"/> can carry; no limit of its own where no poster is registered (the console).</summary>
    public static PlatformLimits LimitsFor(this IEnumerable<IChannelPoster> posters, string platform) =>
        posters.For(platform)?.Limits ?? PlatformLimits.Unbounded;
}
