namespace StoryBot.State.Moderation;

/// <summary>Times are stored as unix milliseconds (UTC) in both providers.</summary>
internal static class StateTime
{
    public static long Now(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static DateTimeOffset FromStored(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
