using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Conversation.FollowUps;

/// <summary>Follow-ups through the chat bot, on the real story.</summary>
public sealed class FollowUpConversationTests : IDisposable
{
    private readonly ServiceProvider _services = StoryServices.Create();
    private readonly IChatBot _bot;

    public FollowUpConversationTests() => _bot = _services.GetRequiredService<IChatBot>();

    private Task<Reply> AskAsync(string text, string? conversation, string channel = "channel-1", string platform = "discord", string? continuesFrom = null) =>
        _bot.RespondAsync(new ChatRequest(platform, channel, "reader-1", text) { ConversationId = conversation, ContinuesFrom = continuesFrom }, CancellationToken.None);

    [Fact]
    public async Task MoreGivesTheRestOfTheParagraphTheLastAnswerQuotedWithoutRepeatingIt()
    {
        var first = await AskAsync("what did musk claim about softbank", "thread-1");

        var more = await AskAsync("more please", "thread-1");

        Assert.Equal(ReplyKind.Answer, more.Kind);
        Assert.NotEmpty(more.Citations);
        Assert.DoesNotContain(more.Citations, c => first.Citations.Any(f => f.Id == c.Id));
        Assert.All(more.Citations, c => Assert.Contains(first.Citations, f => f.Paragraph == c.Paragraph));
    }

    [Fact]
    public async Task MoreSaysSoWhenTheStoryHasNothingMore()
    {
        await AskAsync("what did musk claim about softbank", "thread-1");
        await AskAsync("more please", "thread-1");

        var again = await AskAsync("any more sources?", "thread-1");
        var german = await AskAsync("mehr dazu", "thread-1");

        Assert.Equal(ReplyKind.Help, again.Kind);
        Assert.Equal("That is all the story says about it.", again.Text);
        Assert.Equal("Mehr sagt die Geschichte dazu nicht.", german.Text);
    }

    [Fact]
    public async Task MoreAfterANarrowFollowUpGivesWhatTheConversationCitedBeforeItAndTheLastAnswerDidNot()
    {
        var first = await AskAsync("whats musk saying about stargate money", "thread-1");
        var second = await AskAsync("where did he post this", "thread-1");
        var narrow = await AskAsync("and when", "thread-1");

        var more = await AskAsync("more sources", "thread-1");

        Assert.Equal(ReplyKind.Answer, more.Kind);
        Assert.NotEmpty(more.Citations);
        Assert.All(more.Citations, c => Assert.DoesNotContain(narrow.Citations, n => n.Id == c.Id));
        Assert.All(more.Citations, c => Assert.Contains(first.Citations.Concat(second.Citations), f => f.Id == c.Id));
    }

    [Fact]
    public async Task APronounAfterAWhoQuestionMeansThePersonTheAnswerNamed()
    {
        await AskAsync("who runs DOGE?", "thread-1");

        var reply = await AskAsync("and what did he claim about SoftBank?", "thread-1");

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("musk-softbank-under-10bn", reply.Citations[0].Id);
    }

    [Fact]
    public async Task APronounAfterAnAnswerNamingTwoPeopleAsksWhichOne()
    {
        await AskAsync("who is fighting on x over stargate", "thread-1");

        var reply = await AskAsync("which company does he run", "thread-1");

        Assert.Equal("Who do you mean: Elon Musk or Sam Altman?", reply.Text);
    }

    [Fact]
    public async Task AnAmbiguousPronounGetsAQuestionBackNamingBothPeople()
    {
        await AskAsync("why are elon musk and sam altman fighting", "thread-1");

        var reply = await AskAsync("what did he say", "thread-1");

        Assert.Equal(ReplyKind.Help, reply.Kind);
        Assert.Equal("Who do you mean: Elon Musk or Sam Altman?", reply.Text);
        Assert.Empty(reply.Citations);
    }

    [Theory]
    [InlineData(null, "channel-1", "discord")]
    [InlineData("thread-1", "channel-2", "discord")]
    [InlineData("thread-1", "channel-1", "slack")]
    public async Task NoContextCrossesAConversationAChannelOrAPlatform(string? conversation, string channel, string platform)
    {
        await AskAsync("why are elon musk and sam altman fighting", "thread-1");

        var reply = await AskAsync("what did he say", conversation, channel, platform);

        Assert.NotEqual(ReplyKind.Help, reply.Kind);
    }

    [Fact]
    public async Task AThreadStartedFromAnAnswerGoesOnFromThatAnswersConversationAndThenFromItsOwn()
    {
        await AskAsync("Wie viel Geld hat SoftBank laut Musk?", "reader-1", channel: "channel-1");
        _services.GetRequiredService<AnsweredMessages>().Remember("discord", "answer-1", new ChatRequest("discord", "channel-1", "reader-1", "Wie viel Geld hat SoftBank laut Musk?") { ConversationId = "reader-1" });

        var first = await AskAsync("und wann war das?", "answer-1", channel: "answer-1", continuesFrom: "answer-1");
        var second = await AskAsync("und Altman?", "answer-1", channel: "answer-1", continuesFrom: "answer-1");

        Assert.Equal("Ellipsis: \"und wann war das?\" read as \"wann war Geld hat SoftBank laut Musk\"", first.Explanation?.FollowUp);
        Assert.StartsWith("Ellipsis:", second.Explanation?.FollowUp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestContinuingAnUnknownReplyIsReadAsItStands()
    {
        await AskAsync("why are elon musk and sam altman fighting", "reader-1");

        var reply = await AskAsync("what did he say", "answer-9", continuesFrom: "answer-9");

        Assert.NotEqual(ReplyKind.Help, reply.Kind);
        Assert.Null(reply.Explanation?.FollowUp);
    }

    [Fact]
    public async Task ExplainShowsHowAFollowUpWasRead()
    {
        await AskAsync("how much has SoftBank secured", "thread-1");

        var reply = await AskAsync("and Microsoft?", "thread-1");

        Assert.Equal("Ellipsis: \"and Microsoft?\" read as \"how much has Microsoft secured\"", reply.Explanation?.FollowUp);
    }

    public void Dispose() => _services.Dispose();
}
