using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;
using StoryBot.Testing.Telemetry;

namespace StoryBot.Core.Tests.Conversation;

public sealed class ConversationPipelineTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly TestMeterFactory _meters = new();
    private readonly Mock<IAnswerRecorder> _recorder = new();

    [Theory]
    [InlineData("how much money does SoftBank have?", "You are asking faster than I can answer")]
    [InlineData("wie viel Geld hat SoftBank?", "Sie fragen schneller, als ich antworten kann")]
    public async Task OverTheLimitTheUserIsToldOnceInTheirLanguageThenNothing(string question, string notice)
    {
        var pipeline = Pipeline(StoryServices.ChatBot(), maxQuestions: 1);

        var first = await pipeline.AskAsync(Request(question), mustAnswer: false, CancellationToken.None);
        var second = await pipeline.AskAsync(Request(question), mustAnswer: false, CancellationToken.None);
        var third = await pipeline.AskAsync(Request(question), mustAnswer: false, CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, first!.Kind);
        Assert.Equal(ReplyKind.Notice, second!.Kind);
        Assert.StartsWith(notice, second.Text, StringComparison.Ordinal);
        Assert.Null(third);
    }

    [Fact]
    public async Task ARequestThatMustBeAnsweredGetsTheNoticeAgainInsteadOfSilence()
    {
        var pipeline = Pipeline(StoryServices.ChatBot(), maxQuestions: 1);
        await pipeline.AskAsync(Request("who is Sam Altman?"), mustAnswer: true, CancellationToken.None);
        await pipeline.AskAsync(Request("who is Sam Altman?"), mustAnswer: true, CancellationToken.None);

        var third = await pipeline.AskAsync(Request("who is Sam Altman?"), mustAnswer: true, CancellationToken.None);

        Assert.Equal(ReplyKind.Notice, third!.Kind);
    }

    [Fact]
    public async Task TheLimitOpensAgainOnceTheWindowHasPassed()
    {
        var pipeline = Pipeline(StoryServices.ChatBot(), maxQuestions: 1);
        await pipeline.AskAsync(Request("who is Sam Altman?"), mustAnswer: false, CancellationToken.None);
        await pipeline.AskAsync(Request("who is Sam Altman?"), mustAnswer: false, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(31));
        var later = await pipeline.AskAsync(Request("who is Sam Altman?"), mustAnswer: false, CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, later!.Kind);
    }

    [Fact]
    public async Task TheOperatorAtTheConsoleIsNeverLimited()
    {
        var pipeline = Pipeline(StoryServices.ChatBot(), maxQuestions: 1);

        for (var i = 0; i < 5; i++)
        {
            var reply = await pipeline.AskAsync(Request("who is Sam Altman?") with { ChannelKind = ChannelKind.Console }, mustAnswer: false, CancellationToken.None);
            Assert.Equal(ReplyKind.Answer, reply!.Kind);
        }
    }

    [Theory]
    [InlineData(Language.English, "Sorry, something went wrong")]
    [InlineData(Language.German, "Entschuldigung, beim Beantworten ist etwas schiefgegangen")]
    public async Task AFailingBotGivesAPoliteErrorInTheUsersLanguageAndNoDetails(Language language, string text)
    {
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("connection string Password=secret"));
        bot.Setup(b => b.LanguageOf(It.IsAny<ChatRequest>())).Returns(language);

        var reply = await Pipeline(bot.Object).AskAsync(Request("anything"), mustAnswer: false, CancellationToken.None);

        Assert.Equal(ReplyKind.Error, reply!.Kind);
        Assert.StartsWith(text, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationByTheHostIsNotTurnedIntoAReply()
    {
        using var stopping = new CancellationTokenSource();
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (ChatRequest _, CancellationToken token) =>
            {
                await stopping.CancelAsync();
                token.ThrowIfCancellationRequested();
                return new Reply { Question = string.Empty, Language = Language.English, Kind = ReplyKind.Answer, Body = [] };
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pipeline(bot.Object).AskAsync(Request("anything"), mustAnswer: false, stopping.Token));
    }

    [Fact]
    public async Task OnlyPostedAnswersAreRecordedAndEveryRecorderIsTold()
    {
        var second = new Mock<IAnswerRecorder>();
        var pipeline = new ConversationPipeline(StoryServices.ChatBot(), Cooldown(5), [_recorder.Object, second.Object], _meters.Telemetry(), _time, NullLogger<ConversationPipeline>.Instance);
        var request = Request("who is Sam Altman?");
        var answer = await pipeline.AskAsync(request, mustAnswer: false, CancellationToken.None);
        var help = await pipeline.AskAsync(Request("/help"), mustAnswer: false, CancellationToken.None);
        var posted = new PostedMessage("slack", "C1", "1700000000.000100");

        await pipeline.RecordAsync(posted, request, answer!, CancellationToken.None);
        await pipeline.RecordAsync(posted with { MessageId = "2" }, Request("/help"), help!, CancellationToken.None);

        var timed = request with { AnswerTime = TimeSpan.Zero };
        _recorder.Verify(r => r.RecordAsync(posted, timed, answer!, It.IsAny<CancellationToken>()), Times.Once);
        second.Verify(r => r.RecordAsync(posted, timed, answer!, It.IsAny<CancellationToken>()), Times.Once);
        _recorder.VerifyNoOtherCalls();
        Assert.False(pipeline.IsRecorded(help!));
    }

    [Fact]
    public async Task AnAnswerIsRecordedWithTheTimeItsRequestTookAndAnotherRequestWithNone()
    {
        var bot = new Mock<IChatBot>();
        ChatRequest? seen = null;
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ChatRequest asked, CancellationToken _) =>
            {
                seen = asked;
                _time.Advance(TimeSpan.FromMilliseconds(120));
                return new Reply { Question = asked.Text, Language = Language.English, Kind = ReplyKind.Answer, Body = [] };
            });
        var pipeline = Pipeline(bot.Object);
        var request = Request("who is Sam Altman?");
        var started = _time.GetTimestamp();
        var answer = await pipeline.AskAsync(request, mustAnswer: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2)); // posting it takes time too, which is not the answer's
        var posted = new PostedMessage("slack", "C1", "1700000000.000100");
        var another = posted with { MessageId = "2" };

        await pipeline.RecordAsync(posted, request, answer!, CancellationToken.None);
        await pipeline.RecordAsync(another, Request("who is Sam Altman?"), answer!, CancellationToken.None);

        Assert.Equal(started, seen!.ReceivedAt);
        _recorder.Verify(r => r.RecordAsync(posted, It.Is<ChatRequest>(c => c.AnswerTime == TimeSpan.FromMilliseconds(120)), answer!, It.IsAny<CancellationToken>()), Times.Once);
        _recorder.Verify(r => r.RecordAsync(another, It.Is<ChatRequest>(c => c.AnswerTime == null), answer!, It.IsAny<CancellationToken>()), Times.Once);
    }

    public void Dispose() => _meters.Dispose();

    private ConversationPipeline Pipeline(IChatBot bot, int maxQuestions = 5) =>
        new(bot, Cooldown(maxQuestions), [_recorder.Object], _meters.Telemetry(), _time, NullLogger<ConversationPipeline>.Instance);

    private UserCooldown Cooldown(int maxQuestions) =>
        new(Options.Create(new CooldownOptions { MaxQuestions = maxQuestions, Window = TimeSpan.FromSeconds(30) }), _time);

    private static ChatRequest Request(string text) => new("slack", "C1", "U1", text) { ChannelKind = ChannelKind.Channel };
}
