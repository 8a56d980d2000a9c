using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Tests.Conversation.FollowUps;

public class AnsweredMessagesTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ConversationMemory _memory;
    private readonly IOptions<FollowUpOptions> _options = Options.Create(new FollowUpOptions { MaxConversations = 100, IdleExpiry = TimeSpan.FromMinutes(30) });

    public AnsweredMessagesTests() => _memory = new ConversationMemory(_options, _time);

    private AnsweredMessages Answers() => new(_memory, _options, _time);

    private static ChatRequest Request(string? conversation) => new("discord", "channel-1", "reader-1", "who is altman") { ConversationId = conversation };

    private static string Key(string conversation) => $"discord\nchannel-1\n{conversation}";

    [Fact]
    public void AReplyCarriesTheTurnsItsConversationHadWhenItWasPostedNotLaterOnes()
    {
        var answers = Answers();
        _memory.Remember(Key("reader-1"), new ConversationTurn("who is altman", Language.English, ["sam-altman"], []));

        answers.Remember("discord", "900", Request("reader-1"));
        _memory.Remember(Key("reader-1"), new ConversationTurn("who is musk", Language.English, ["elon-musk"], []));

        Assert.True(answers.Contains("discord", "900"));
        Assert.Equal(["who is altman"], answers.TurnsOf("discord", "900").Select(t => t.Question));
    }

    [Fact]
    public void AReplyOutsideAnyConversationIsKnownWithoutTurns()
    {
        var answers = Answers();

        answers.Remember("discord", "900", Request(null));

        Assert.True(answers.Contains("discord", "900"));
        Assert.Empty(answers.TurnsOf("discord", "900"));
        Assert.False(answers.Contains("slack", "900"));
    }

    [Fact]
    public void ItsTurnsExpireLikeAConversationsWhileTheReplyStaysKnown()
    {
        var answers = Answers();
        _memory.Remember(Key("reader-1"), new ConversationTurn("who is altman", Language.English, [], []));
        answers.Remember("discord", "900", Request("reader-1"));

        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Empty(answers.TurnsOf("discord", "900"));
        Assert.True(answers.Contains("discord", "900"));
    }

    [Fact]
    public void StaysWithinItsBoundForgettingTheOldestReplies()
    {
        var answers = Answers();

        for (var i = 0; i < 1_000; i++)
        {
            answers.Remember("discord", $"m{i}", Request("reader-1"));
        }

        Assert.Equal(100, answers.Count);
        Assert.True(answers.Contains("discord", "m999"));
        Assert.False(answers.Contains("discord", "m899"));
    }

    [Fact]
    public async Task AReplyKeptInMemoryIsAnAnswerWithoutAskingTheRecords()
    {
        var recorded = new Mock<IRecordedAnswers>(MockBehavior.Strict);
        var answers = new AnsweredMessages(_memory, _options, _time, recorded.Object);
        answers.Remember("discord", "900", Request("reader-1"));

        Assert.True(await answers.IsAnswerAsync("discord", "900", CancellationToken.None));
    }

    [Fact]
    public async Task WithoutRecordsAMessageNotKeptIsUnknown()
    {
        Assert.Null(await Answers().IsAnswerAsync("discord", "900", CancellationToken.None));
    }

    [Fact]
    public async Task TheRecordsAreAskedOncePerMessageWhateverTheySay()
    {
        var recorded = new Mock<IRecordedAnswers>();
        recorded.Setup(r => r.ContainsAsync("discord", "800", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        recorded.Setup(r => r.ContainsAsync("discord", "801", It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var answers = new AnsweredMessages(_memory, _options, _time, recorded.Object);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await answers.IsAnswerAsync("discord", "800", CancellationToken.None));
            Assert.False(await answers.IsAnswerAsync("discord", "801", CancellationToken.None));
        }

        recorded.Verify(r => r.ContainsAsync("discord", "800", It.IsAny<CancellationToken>()), Times.Once);
        recorded.Verify(r => r.ContainsAsync("discord", "801", It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(answers.TurnsOf("discord", "800"));
    }

    [Fact]
    public async Task RecordsThatCannotBeReadLeaveTheMessageUnknownAndAreAskedAgain()
    {
        var recorded = new Mock<IRecordedAnswers>();
        recorded.SetupSequence(r => r.ContainsAsync("discord", "800", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("store down"))
            .ReturnsAsync(true);
        var answers = new AnsweredMessages(_memory, _options, _time, recorded.Object);

        Assert.Null(await answers.IsAnswerAsync("discord", "800", CancellationToken.None));
        Assert.True(await answers.IsAnswerAsync("discord", "800", CancellationToken.None));
    }
}
