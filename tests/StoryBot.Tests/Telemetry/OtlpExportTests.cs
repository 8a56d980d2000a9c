using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.ConsoleChat;
using StoryBot.Core.Telemetry;
using StoryBot.Hosting;
using StoryBot.Testing;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Telemetry;

/// <summary>What a bot with <c>Telemetry:OtlpEndpoint</c> sends a collector over OTLP/HTTP.</summary>
public sealed class OtlpExportTests
{
    private const string Question = "who is altman";

    [Fact]
    public async Task AQuestionReachesTheCollectorAsATraceWithMetricsAndNothingTheUserTyped()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        using var state = new StateFile();
        using (var host = StoryBotApp.Build(RunMode.Parse(
        [
            "ask", "--json",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Answering:Mode=Lexical",
            $"--Storage:ConnectionString=Data Source={state.Path}",
            $"--Telemetry:OtlpEndpoint={collector.BaseUrl}",
            "--Telemetry:OtlpProtocol=HttpProtobuf",
        ])))
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<ConsoleConversation>().AskAsync(Question, CancellationToken.None);
            await host.StopAsync();

            // Disposing the providers flushes what they hold, as a stopping bot does.
        }

        var exports = collector.Exports;
        var traces = exports.Where(e => e.Signal == "traces").ToList();
        Assert.NotEmpty(traces);
        Assert.Contains(exports, e => e.Signal == "metrics");
        Assert.All(exports, e => Assert.Equal("application/x-protobuf", e.ContentType));

        // Protobuf carries strings as UTF-8 bytes: the service, the instrumentation scope and the spans' names are readable.
        var sent = string.Concat(traces.Select(t => Encoding.UTF8.GetString(t.Body)));
        Assert.Contains("storybot", sent, StringComparison.Ordinal);
        Assert.Contains(StoryBotTelemetry.Name, sent, StringComparison.Ordinal);
        Assert.Contains(StoryBotTelemetry.Spans.Retrieve, sent, StringComparison.Ordinal);
        Assert.DoesNotContain(Question, string.Concat(exports.Select(e => Encoding.UTF8.GetString(e.Body))), StringComparison.OrdinalIgnoreCase);
    }
}
