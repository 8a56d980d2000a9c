using System.Diagnostics;
using System.Globalization;

namespace StoryBot.Benchmarks.Latency;

/// <summary>Prints figures one per line, marking each against its target.</summary>
internal sealed class LatencyReport
{
    private readonly TextWriter _out = Console.Out;

    public LatencyReport(string subject) =>
        _out.WriteLine(Invariant($"StoryBot latency — {subject} — {Environment.ProcessorCount} cores, .NET {Environment.Version}{LoadAverage()}"));

    /// <summary>Whether any figure missed its target.</summary>
    public bool Missed { get; private set; }

    public void Line(FormattableString text) => _out.WriteLine("  " + Invariant(text));

    public void Duration(string what, long ticks) => Line($"{what,-28} {Format(Stopwatch.GetElapsedTime(0, ticks))}");

    public void Check(string what, long ticks, TimeSpan? target) => Check(what, Stopwatch.GetElapsedTime(0, ticks), target);

    public void Check(string what, TimeSpan measured, TimeSpan? target)
    {
        if (target is not { } limit)
        {
            Line($"{what,-28} {Format(measured)}");
            return;
        }

        var met = measured <= limit;
        Missed |= !met;
        Line($"{what,-28} {Format(measured)}   target ≤ {Format(limit)}  {(met ? "met" : "MISSED")}");
    }

    public void Bytes(string what, long bytes, long? limit)
    {
        var text = Invariant($"{bytes / (1024.0 * 1024.0):N1} MB");
        if (limit is not { } max)
        {
            Line($"{what,-28} {text}");
            return;
        }

        var met = bytes <= max;
        Missed |= !met;
        Line($"{what,-28} {text}   target ≤ {max / (1024.0 * 1024.0):N0} MB  {(met ? "met" : "MISSED")}");
    }

    /// <summary>The questions with the slowest p99, where to look first when a target is missed.</summary>
    public void Slowest(IReadOnlyList<string> questions, IReadOnlyList<List<long>> durations)
    {
        Line($"slowest questions (p50 / p99 / max):");
        var ranked = questions
            .Select((q, i) => (Question: q, Sorted: durations[i].Order().ToArray()))
            .Where(x => x.Sorted.Length > 0)
            .OrderByDescending(x => x.Sorted[Math.Max(0, (int)Math.Ceiling(0.99 * x.Sorted.Length) - 1)])
            .Take(8);
        foreach (var (question, sorted) in ranked)
        {
            var p99 = sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];
            Line($"  {Format(Ticks(sorted[sorted.Length / 2]))} / {Format(Ticks(p99))} / {Format(Ticks(sorted[^1]))}  {question}");
        }
    }

    /// <summary>Other work on the machine skews every figure, so the report says how busy it was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? ", load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : string.Empty;

    private static TimeSpan Ticks(long ticks) => Stopwatch.GetElapsedTime(0, ticks);

    private static string Format(TimeSpan time) => time.TotalMilliseconds switch
    {
        < 1 => Invariant($"{time.TotalMicroseconds:N1} µs"),
        < 1000 => Invariant($"{time.TotalMilliseconds:N2} ms"),
        _ => Invariant($"{time.TotalSeconds:N2} s"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
