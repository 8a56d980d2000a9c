using System.Diagnostics.Metrics;
using System.Reflection;
using StoryBot.Core.Telemetry;
using StoryBot.State.Telemetry;
using StoryBot.Testing;
using StoryBot.Testing.Telemetry;

namespace StoryBot.Tests.Telemetry;

/// <summary>docs/operations.md describes every instrument the code makes and every span and attribute it names.</summary>
public sealed class OperationsDocTests
{
    private static readonly string Operations = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "operations.md"));

    [Fact]
    public void EveryInstrumentTheLibrariesCreateIsDocumented()
    {
        using var meters = new TestMeterFactory();
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == meters)
                {
                    lock (published)
                    {
                        published.Add(instrument);
                    }
                }
            },
        };
        listener.Start();

        using var core = meters.Telemetry();
        using var state = new StateTelemetry(meters);

        Assert.Contains(published, i => i.Meter.Name == StoryBotTelemetry.Name);
        Assert.Contains(published, i => i.Meter.Name == StateTelemetry.Name);
        Assert.All(published, instrument => Assert.Contains($"`{instrument.Name}`", Operations, StringComparison.Ordinal));
    }

    [Fact]
    public void EverySpanAndAttributeNameIsDocumented()
    {
        var names = Constants(typeof(StoryBotTelemetry.Spans)).Concat(Constants(typeof(StoryBotTelemetry.Tags))).Concat(Constants(typeof(StateTelemetry.Tags)));

        Assert.All(names, name => Assert.Contains($"`{name}`", Operations, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Constants(Type holder) =>
        holder.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
