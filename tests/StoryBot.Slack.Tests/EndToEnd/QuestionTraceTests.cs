using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StoryBot.Core.Telemetry;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.Testing.Slack;
using StoryBot.Testing.Telemetry;

namespace StoryBot.Slack.Tests.EndToEnd;

/// <summary>
/// One question over Slack's HTTP endpoints, through the real chat bot, is one trace: received,
/// cleaned, retrieved, decided, rendered, posted and recorded, with the decision on its spans and
/// nothing the user typed or who they are.
/// </summary>
public sealed class QuestionTraceTests : SlackHostTest
{
    private const string Question = "Wie viel Geld hat SoftBank gesichert?";

    protected override bool RealChatBot => true;

    // A cold first users.info on a busy machine may take longer than the default budget.
    private protected override void Configure(Dictionary<string, string?> settings) => settings["Slack:UserLocaleBudget"] = "00:00:01";

    [Fact]
    public async Task ASlashCommandIsOneTraceFromReceiptToRecordWithTheDecisionAndNoUserText()
    {
        var meters = Host.App.Services.GetRequiredService<IMeterFactory>();
        using var acknowledgements = new MetricCollector<double>(meters, StoryBotTelemetry.Name, StoryBotTelemetry.Instruments.AcknowledgementDuration);
        using var trace = new TraceCollector();

        using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/ask", Question, Slack.ResponseUrl("trace")));
        await Slack.NextCallAsync("chat.postMessage");
        await Host.Recorder.NextAsync();
        await trace.EndedAsync(StoryBotTelemetry.Spans.Record).WaitAsync(TimeSpan.FromSeconds(30));

        var spans = trace.Spans.Where(s => s.Source.Name == StoryBotTelemetry.Name).ToList();
        string[] path = [.. new[] { "receive", "work", "ask", "clean", "retrieve", "decide", "render", "post", "record" }];
        Assert.All(path, name => Assert.Contains(spans, s => s.OperationName == name));

        var receive = Assert.Single(spans, s => s.OperationName == StoryBotTelemetry.Spans.Receive);
        Assert.Equal("slack", receive.GetTagItem(StoryBotTelemetry.Tags.Platform));
        Assert.Equal("command", receive.GetTagItem(StoryBotTelemetry.Tags.RequestKind));
        Assert.Equal("channel", receive.GetTagItem(StoryBotTelemetry.Tags.ChannelKind));
        Assert.Contains(receive.Events, e => e.Name == "acknowledged");

        var ask = Assert.Single(spans, s => s.OperationName == StoryBotTelemetry.Spans.Ask);
        Assert.Equal("ask", ask.GetTagItem(StoryBotTelemetry.Tags.Command));
        Assert.Equal("answered", ask.GetTagItem(StoryBotTelemetry.Tags.Outcome));
        Assert.Equal("de", ask.GetTagItem(StoryBotTelemetry.Tags.Language));
        Assert.NotNull(ask.GetTagItem(StoryBotTelemetry.Tags.Citation));

        // Posting and recording ran on the work lane after the acknowledgement, and still belong to the request.
        var byId = trace.Spans.ToDictionary(s => s.SpanId);
        Assert.All(spans.Where(s => s.OperationName is "post" or "record" or "ask"), span => Assert.Contains(receive, Ancestors(span, byId)));

        Assert.All(trace.Spans.SelectMany(s => s.TagObjects), tag =>
        {
            var value = tag.Value?.ToString() ?? string.Empty;
            Assert.DoesNotContain("gesichert", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SlackPayloads.User, value, StringComparison.Ordinal);
        });

        var acknowledged = Assert.Single(acknowledgements.GetMeasurementSnapshot(), m => (string?)m.Tags[StoryBotTelemetry.Tags.RequestKind] == "command");
        Assert.Equal("slack", acknowledged.Tags[StoryBotTelemetry.Tags.Platform]);
    }

    private static IEnumerable<Activity> Ancestors(Activity span, Dictionary<ActivitySpanId, Activity> byId)
    {
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            yield return next;
        }
    }
}
