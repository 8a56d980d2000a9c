using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StoryBot.Core.Telemetry;

namespace StoryBot.Testing.Telemetry;

/// <summary>
/// Meters of one test's own, as a host's <see cref="IMeterFactory"/> makes them: a
/// <c>MetricCollector</c> given this factory sees only this test's measurements, however many
/// tests run beside it.
/// </summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    /// <summary>The core's telemetry on meters of this factory.</summary>
    public StoryBotTelemetry Telemetry(bool userText = false) =>
        new(this, Options.Create(new TelemetryContentOptions { UserText = userText }));

    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
            _meters.Clear();
        }
    }
}
