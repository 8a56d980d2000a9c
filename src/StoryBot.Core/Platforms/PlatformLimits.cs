namespace StoryBot.Core.Platforms;

/// <summary>
/// What one message can carry on a platform, given by its adapter: a summary or an answer is sized
/// by the platform that posts it, not by the strictest one.
/// </summary>
/// <param name="MaxCitations">Quotes one message can show with their renderings.</param>
public sealed record PlatformLimits(int MaxCitations)
{
    /// <summary>No limit of its own (the console).</summary>
    public static PlatformLimits Unbounded { get; } = new(int.MaxValue);
}
