using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StoryBot.Benchmarks.Story;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Telemetry;

namespace StoryBot.Benchmarks.Telemetry;

/// <summary>
/// One question through the conversation pipeline, as every platform asks it: the <c>ask</c> span,
/// the outcome counter and the answer-time histogram, and the engine's <c>clean</c>, <c>retrieve</c>
/// and <c>decide</c> spans. Side by side: nobody listening (no exporter configured, the default),
/// and the OpenTelemetry SDK sampling every span and aggregating every measurement into exporters
/// that drop what they are given, so the figure is the instrumentation's and the SDK's, not a
/// network's. The reply cache is off, so every question is worked out and traced.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*TelemetryCost*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TelemetryCostBenchmarks : IDisposable
{
    private ChatBotHarness? _harness;
    private ConversationPipeline? _pipeline;
    private TracerProvider? _tracing;
    private MeterProvider? _metrics;
    private int _next;

    [Params("Lexical", "Hybrid")]
    public string Mode { get; set; } = "Lexical";

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Start()
    {
        _harness = new ChatBotHarness(KnowledgePackLoader.Load(RepositoryPack.StoryPath()), Mode, replyCacheSize: 0);
        _harness.LoadVectors();
        _pipeline = _harness.Services.GetRequiredService<ConversationPipeline>();
        if (Listening)
        {
            _tracing = Sdk.CreateTracerProviderBuilder()
                .AddSource(StoryBotTelemetry.Name)
                .AddProcessor(new SimpleActivityExportProcessor(new DroppedSpans()))
                .Build();
            _metrics = Sdk.CreateMeterProviderBuilder()
                .AddMeter(StoryBotTelemetry.Name)
                .AddReader(new PeriodicExportingMetricReader(new DroppedMetrics(), exportIntervalMilliseconds: 60_000))
                .Build();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
        _harness?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public Task<Reply?> Ask()
    {
        var question = StoryQuestions.All[_next];
        _next = (_next + 1) % StoryQuestions.All.Length;
        return _pipeline!.AskAsync(ChatBotHarness.Question(question) with { ChannelKind = ChannelKind.Console }, mustAnswer: true, CancellationToken.None);
    }

    private sealed class DroppedSpans : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }

    private sealed class DroppedMetrics : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
