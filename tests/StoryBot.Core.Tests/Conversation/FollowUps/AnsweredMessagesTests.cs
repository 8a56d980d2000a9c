using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
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
}
