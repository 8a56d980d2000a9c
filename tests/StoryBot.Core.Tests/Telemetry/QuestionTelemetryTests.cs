using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Telemetry;
using StoryBot.Core.Tests.TestSupport;
using StoryBot.Testing.Telemetry;

namespace StoryBot.Core.Tests.Telemetry;

/// <summary>What the conversation pipeline counts and traces for each request, through the real chat bot and pack.</summary>
public sealed class QuestionTelemetryTests
{
    private const string Answerable = "Who is Sam Altman?";
    private const string Decided = "How much money could flow into Stargate?";
    private const string Unanswerable = "What was the weather like in Davos?";

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task TheOutcomeCounterTellsAnsweredAbstainedAndTheCooldownRefusalApart()
    {
        using var services = Services(maxQuestions: 2);
        var pipeline = services.GetRequiredService<ConversationPipeline>();
        using var questions = Collector<long>(services, StoryBotTelemetry.Instruments.Questions);
        using var durations = Collector<double>(services, StoryBotTelemetry.Instruments.AnswerDuration);

        Assert.Equal(ReplyKind.Answer, (await AskAsync(pipeline, "U1", Answerable))!.Kind);
        Assert.Equal(ReplyKind.Abstention, (await AskAsync(pipeline, "U1", Unanswerable))!.Kind);
        Assert.Equal(ReplyKind.Notice, (await AskAsync(pipeline, "U1", Answerable))!.Kind);
        Assert.Null(await AskAsync(pipeline, "U1", Answerable));
        Assert.Equal(ReplyKind.Answer, (await AskAsync(pipeline, "U2", "/funding"))!.Kind);

        Assert.Equal(1, Count(questions, "answered", "ask"));
        Assert.Equal(1, Count(questions, "abstained", "ask"));
        Assert.Equal(2, Count(questions, "refused", "ask"));
        Assert.Equal(1, Count(questions, "answered", "funding"));
        Assert.Equal(5, questions.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(questions.GetMeasurementSnapshot(), m => Assert.Equal("slack", m.Tags[StoryBotTelemetry.Tags.Platform]));
        Assert.Equal(5, durations.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task AFailingAnswerIsCountedAsFailedAndUnknownCommandsAsRefusedUnderOneName()
    {
        var failing = new Mock<IChatBot>();
        failing.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database is locked"));
        failing.Setup(b => b.CommandOf(It.IsAny<ChatRequest>())).Returns("sources");
        using var services = Services(maxQuestions: 5, replace: s => s.AddSingleton(failing.Object));
        using var questions = Collector<long>(services, StoryBotTelemetry.Instruments.Questions);

        var reply = await AskAsync(services.GetRequiredService<ConversationPipeline>(), "U1", "/sources audit");

        Assert.Equal(ReplyKind.Error, reply!.Kind);
        Assert.Equal(1, Count(questions, "failed", "sources"));

        using var real = Services(maxQuestions: 5);
        using var realQuestions = Collector<long>(real, StoryBotTelemetry.Instruments.Questions);
        await AskAsync(real.GetRequiredService<ConversationPipeline>(), "U1", "/no-such-command-1");
        await AskAsync(real.GetRequiredService<ConversationPipeline>(), "U1", "/no-such-command-2");
        Assert.Equal(2, Count(realQuestions, "refused", "unknown"));
    }

    [Theory]
    [InlineData("who is altman?", "ask")]
    [InlineData("  /Funding de", "funding")]
    [InlineData("\u200B\t/who-is altman", "who-is")]
    [InlineData("/help", "help")]
    [InlineData("/no-such-command", "unknown")]
    [InlineData(" \n ", "none")]
    public void TheCommandIsNamedAsTheBotRoutesTheRequest(string text, string command) =>
        Assert.Equal(command, StoryServices.ChatBot().CommandOf(new ChatRequest("slack", "C1", "U1", text)));

    [Fact]
    public async Task TheAskSpanCarriesTheDecisionButNeitherTheQuestionNorTheUserByDefault()
    {
        using var services = Services(maxQuestions: 5);
        using var trace = new TraceCollector();

        var reply = await AskAsync(services.GetRequiredService<ConversationPipeline>(), "U0SECRETUSER", Decided);

        var ask = Assert.Single(trace.Named(StoryBotTelemetry.Spans.Ask));
        Assert.Equal("slack", ask.GetTagItem(StoryBotTelemetry.Tags.Platform));
        Assert.Equal("channel", ask.GetTagItem(StoryBotTelemetry.Tags.ChannelKind));
        Assert.Equal("ask", ask.GetTagItem(StoryBotTelemetry.Tags.Command));
        Assert.Equal("answered", ask.GetTagItem(StoryBotTelemetry.Tags.Outcome));
        Assert.Equal("en", ask.GetTagItem(StoryBotTelemetry.Tags.Language));
        Assert.Equal(false, ask.GetTagItem(StoryBotTelemetry.Tags.Abstained));
        Assert.Equal(reply!.Citations[0].Id, ask.GetTagItem(StoryBotTelemetry.Tags.Citation));
        Assert.IsType<double>(ask.GetTagItem(StoryBotTelemetry.Tags.Confidence));
        Assert.Null(ask.GetTagItem(StoryBotTelemetry.Tags.QuestionText));

        // The answer's stages are spans of the same trace.
        foreach (var stage in new[] { StoryBotTelemetry.Spans.Clean, StoryBotTelemetry.Spans.Retrieve, StoryBotTelemetry.Spans.Decide })
        {
            Assert.NotEmpty(trace.Named(stage));
        }

        var decide = Assert.Single(trace.Named(StoryBotTelemetry.Spans.Decide));
        Assert.Equal(reply.Citations[0].Id, decide.GetTagItem(StoryBotTelemetry.Tags.Citation));
        Assert.All(trace.Spans.SelectMany(s => s.TagObjects), tag =>
        {
            Assert.DoesNotContain("could flow", tag.Value?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("U0SECRETUSER", tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TheQuestionIsOnTheAskSpanOnlyWhenTheOperatorAllowsIt()
    {
        using var services = Services(maxQuestions: 5, userText: true);
        using var trace = new TraceCollector();

        await AskAsync(services.GetRequiredService<ConversationPipeline>(), "U0SECRETUSER", Answerable);

        var ask = Assert.Single(trace.Named(StoryBotTelemetry.Spans.Ask));
        Assert.Equal(Answerable, ask.GetTagItem(StoryBotTelemetry.Tags.QuestionText));
        Assert.DoesNotContain(trace.Spans.SelectMany(s => s.TagObjects), tag => tag.Value?.ToString()?.Contains("U0SECRETUSER", StringComparison.Ordinal) == true);
    }

    private static Task<Reply?> AskAsync(ConversationPipeline pipeline, string user, string text) =>
        pipeline.AskAsync(new ChatRequest("slack", "C1", user, text) { ChannelKind = ChannelKind.Channel }, mustAnswer: false, CancellationToken.None);

    private static MetricCollector<T> Collector<T>(IServiceProvider services, string instrument)
        where T : struct =>
        new(services.GetRequiredService<IMeterFactory>(), StoryBotTelemetry.Name, instrument);

    private static long Count(MetricCollector<long> questions, string outcome, string command) =>
        questions.GetMeasurementSnapshot()
            .Where(m => (string?)m.Tags[StoryBotTelemetry.Tags.Outcome] == outcome && (string?)m.Tags[StoryBotTelemetry.Tags.Command] == command)
            .Sum(m => m.Value);

    private ServiceProvider Services(int maxQuestions, bool userText = false, Action<IServiceCollection>? replace = null) =>
        StoryServices.Create(extra: services =>
        {
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            services.AddSingleton<TimeProvider>(_time);
            services.Configure<CooldownOptions>(o =>
            {
                o.MaxQuestions = maxQuestions;
                o.Window = TimeSpan.FromMinutes(1);
            });
            services.Configure<TelemetryContentOptions>(o => o.UserText = userText);
            replace?.Invoke(services);
        });
}
