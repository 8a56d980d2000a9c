using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Commands;

/// <summary>Questions the story does not answer are kept for the curators, without chat noise or user ids.</summary>
public sealed class AskCommandTests
{
    private readonly ServiceProvider _services = StoryServices.Create();

    private IChatBot Bot => _services.GetRequiredService<IChatBot>();

    private IUnansweredQuestions Unanswered => _services.GetRequiredService<IUnansweredQuestions>();

    [Fact]
    public async Task AnUnansweredQuestionIsRecordedCleanedWithItsLanguageAndChannelKind()
    {
        var request = new ChatRequest("discord", "c-1", "123456789012345678", "<@987654321098765432> Wer hat die Klage gewonnen? 🤔")
        {
            ChannelKind = ChannelKind.Direct,
        };

        await Bot.RespondAsync(request, CancellationToken.None);

        var tally = Assert.Single(await Unanswered.MostAskedAsync(10, CancellationToken.None));
        Assert.Equal("Wer hat die Klage gewonnen?", tally.Question);
        Assert.Equal(Language.German, tally.Language);
        Assert.Equal(1, tally.Count);
        Assert.DoesNotContain("987654321098765432", tally.Question, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnansweredQuestionOfAnEvaluationRunIsAnsweredButNotTallied()
    {
        var request = new ChatRequest("console", "console", "operator", "Wer hat die Klage gewonnen?") { Unrecorded = true };

        var reply = await Bot.RespondAsync(request, CancellationToken.None);
        await _services.GetRequiredService<PendingWrites>().StopAsync(CancellationToken.None);

        Assert.True(reply.Abstained);
        Assert.Empty(await Unanswered.MostAskedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task TheRecordedQuestionIsTheOneTheEngineCleanedNotCleanedAgain()
    {
        const string asked = "<@987654321098765432> Wer hat die Klage gewonnen? 🤔";
        var engine = new Mock<IAnswerEngine>();
        engine.Setup(e => e.AskAsync(asked, It.IsAny<Language?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Reply
        {
            Question = asked,
            Language = Language.German,
            Kind = ReplyKind.Abstention,
            Body = [TextRun.Plain("Dazu sagt die Geschichte nichts.")],
            CleanedQuestion = "what the engine read",
        });
        using var services = StoryServices.Create(extra: s => s.Replace(ServiceDescriptor.Singleton(engine.Object)));

        await services.GetRequiredService<IChatBot>().RespondAsync(new ChatRequest("discord", "c-1", "u-1", asked), CancellationToken.None);
        await services.GetRequiredService<PendingWrites>().StopAsync(CancellationToken.None);

        var tally = Assert.Single(await services.GetRequiredService<IUnansweredQuestions>().MostAskedAsync(10, CancellationToken.None));
        Assert.Equal("what the engine read", tally.Question);
        Assert.Equal(Language.German, tally.Language);
    }

    [Fact]
    public async Task AnUnansweredQuestionIsRecordedWithTheTimeFromTheRequestReachingThePipelineToItsReply()
    {
        var time = new FakeTimeProvider();
        var tally = new Mock<IUnansweredQuestions>();
        var engine = new Mock<IAnswerEngine>();
        engine.Setup(e => e.AskAsync(It.IsAny<string>(), It.IsAny<Language?>(), It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(80));
            return new Reply { Question = "who won?", Language = Language.English, Kind = ReplyKind.Abstention, Body = [], CleanedQuestion = "who won?" };
        });
        using var services = StoryServices.Create(extra: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)).Replace(ServiceDescriptor.Singleton(engine.Object)).Replace(ServiceDescriptor.Singleton(tally.Object)));
        var received = time.GetTimestamp();
        time.Advance(TimeSpan.FromMilliseconds(5));

        await services.GetRequiredService<IChatBot>().RespondAsync(new ChatRequest("slack", "C1", "U1", "who won?") { ReceivedAt = received }, CancellationToken.None);
        await services.GetRequiredService<IChatBot>().RespondAsync(new ChatRequest("slack", "C1", "U1", "who lost?"), CancellationToken.None);
        await services.GetRequiredService<PendingWrites>().StopAsync(CancellationToken.None);

        tally.Verify(t => t.RecordAsync(It.Is<UnansweredQuestion>(q => q.AnswerTime == TimeSpan.FromMilliseconds(85)), It.IsAny<CancellationToken>()), Times.Once);
        tally.Verify(t => t.RecordAsync(It.Is<UnansweredQuestion>(q => q.AnswerTime == null), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AFreeQuestionIsCleanedAndReadOnceByTheEngineNotAgainForItsLanguage()
    {
        var engine = new Mock<IAnswerEngine>();
        engine.Setup(e => e.AskAsync(It.IsAny<string>(), It.IsAny<Language?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Reply
        {
            Question = "@everyone was ist Stargate?",
            Language = Language.German,
            Kind = ReplyKind.Abstention,
            Body = [TextRun.Plain("Dazu sagt die Geschichte nichts.")],
        });
        using var services = StoryServices.Create(extra: s => s.Replace(ServiceDescriptor.Singleton(engine.Object)));

        await services.GetRequiredService<IChatBot>().RespondAsync(new ChatRequest("discord", "c-1", "u-1", "@everyone was ist Stargate?"), CancellationToken.None);

        engine.Verify(e => e.AskAsync("@everyone was ist Stargate?", null, It.IsAny<CancellationToken>()), Times.Once);
        engine.Verify(e => e.DetectLanguage(It.IsAny<string>(), It.IsAny<Language?>()), Times.Never);
    }

    [Fact]
    public async Task AnAnsweredQuestionIsNotRecorded()
    {
        await Bot.Bot("How much did xAI spend in Memphis?");
        await Bot.Bot("/who-is altman");

        Assert.Empty(await Unanswered.MostAskedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task TheSameQuestionInAnotherCaseIsTalliedOnce()
    {
        await Bot.Bot("who won the lawsuit?");
        await Bot.Bot("/ask Who won the lawsuit?");
        await Bot.Bot("what is the weather in berlin");

        var tallies = await Unanswered.MostAskedAsync(10, CancellationToken.None);

        Assert.Equal(2, tallies[0].Count);
        Assert.Equal(2, tallies.Count);
    }

    [Fact]
    public async Task TheAskerDoesNotWaitForTheTallyButTheHostWaitsForItBeforeStopping()
    {
        var landed = new TaskCompletionSource();
        var slowTally = new Mock<IUnansweredQuestions>();
        slowTally.Setup(t => t.RecordAsync(It.IsAny<UnansweredQuestion>(), It.IsAny<CancellationToken>())).Returns(landed.Task);
        using var services = StoryServices.Create(extra: s => s.Replace(ServiceDescriptor.Singleton(slowTally.Object)));
        var pending = services.GetRequiredService<PendingWrites>();

        var reply = await services.GetRequiredService<IChatBot>().RespondAsync(new ChatRequest("slack", "C1", "U1", "who won the lawsuit?"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = pending.StopAsync(CancellationToken.None);

        Assert.True(reply.Abstained);
        Assert.False(stopping.IsCompleted);
        landed.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
