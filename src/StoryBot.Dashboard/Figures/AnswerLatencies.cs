using System.Diagnostics.Metrics;
using StoryBot.Core.Telemetry;

namespace StoryBot.Dashboard.Figures;

/// <summary>Percentiles of how long answers took, over the latest answers this process gave.</summary>
public sealed record LatencyFigures(int Answers, TimeSpan P50, TimeSpan P95, TimeSpan P99);

/// <summary>
/// How long the latest answers took, read from the bot's own <c>storybot.answer.duration</c>
/// measurements (the figure the metrics export), only this bot's (its meter factory), only
/// questions answered or abstained on. Kept in memory, the latest <see cref="Kept"/>: the overview
/// shows them "since the bot started", no store is written per answer.
/// </summary>
internal sealed class AnswerLatencies : IDisposable
{
    public const int Kept = 10_000;

    private readonly MeterListener _listener = new();
    private readonly double[] _seconds = new double[Kept];
    private readonly Lock _gate = new();
    private long _recorded;

    public AnswerLatencies(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StoryBotTelemetry.Name && instrument.Name == StoryBotTelemetry.Instruments.AnswerDuration && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
    }

    /// <summary>Listens from now on.</summary>
    public void Start() => _listener.Start();

    /// <summary>The percentiles now, or null before the first answer.</summary>
    public LatencyFigures? Read()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = _seconds[..(int)Math.Min(_recorded, Kept)];
        }

        if (sorted.Length == 0)
        {
            return null;
        }

        Array.Sort(sorted);
        return new LatencyFigures(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99));
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == StoryBotTelemetry.Tags.Outcome && tag.Value is StoryBotTelemetry.Outcomes.Answered or StoryBotTelemetry.Outcomes.Abstained)
            {
                lock (_gate)
                {
                    _seconds[_recorded++ % Kept] = seconds;
                }

                return;
            }
        }
    }

    // Nearest rank: the smallest value with at least that share of the answers at or below it.
    private static TimeSpan At(double[] sorted, double share) =>
        TimeSpan.FromSeconds(sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)]);
}
