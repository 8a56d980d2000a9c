using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Telemetry;
using StoryBot.Dashboard.Figures;

namespace StoryBot.Dashboard.Tests.Figures;

public sealed class AnswerLatenciesTests
{
    [Fact]
    public void PercentilesAreReadFromThisBotsAnswersAndAbstentionsOnly()
    {
        using var bot = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var another = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = bot.GetRequiredService<IMeterFactory>();
        using var latencies = new AnswerLatencies(meters);
        latencies.Start();
        var duration = Histogram(meters);
        var elsewhere = Histogram(another.GetRequiredService<IMeterFactory>());

        for (var i = 1; i <= 100; i++)
        {
            duration.Record(i / 1000.0, Outcome(i % 10 == 0 ? StoryBotTelemetry.Outcomes.Abstained : StoryBotTelemetry.Outcomes.Answered));
        }

        duration.Record(60, Outcome("refused"));
        elsewhere.Record(60, Outcome(StoryBotTelemetry.Outcomes.Answered));

        var figures = latencies.Read();
        Assert.NotNull(figures);
        Assert.Equal(100, figures.Answers);
        Assert.Equal(TimeSpan.FromMilliseconds(50), figures.P50);
        Assert.Equal(TimeSpan.FromMilliseconds(95), figures.P95);
        Assert.Equal(TimeSpan.FromMilliseconds(99), figures.P99);
    }

    [Fact]
    public void BeforeTheFirstAnswerThereAreNoFigures()
    {
        using var bot = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var latencies = new AnswerLatencies(bot.GetRequiredService<IMeterFactory>());
        latencies.Start();

        Assert.Null(latencies.Read());
    }

    private static Histogram<double> Histogram(IMeterFactory meters) =>
        meters.Create(StoryBotTelemetry.Name).CreateHistogram<double>(StoryBotTelemetry.Instruments.AnswerDuration);

    private static TagList Outcome(string outcome) => new() { { StoryBotTelemetry.Tags.Outcome, outcome } };
}
