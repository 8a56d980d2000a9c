namespace StoryBot.Benchmarks.Latency;

/// <summary>The speed targets of the requirements; a null figure has no target.</summary>
internal sealed record LatencyTargets(TimeSpan? Median, TimeSpan P99, TimeSpan Load, long? ManagedMemory)
{
    public static readonly LatencyTargets Story = new(TimeSpan.FromMicroseconds(100), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(300), null);

    /// <summary>With the sentence model: a question is encoded on the CPU before it is matched.</summary>
    public static readonly LatencyTargets StoryHybrid = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(300), null);

    public static readonly LatencyTargets Scale = new(null, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30), 1L << 30);
}
