using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>A question that asks several things gets each part answered with its own citation.</summary>
public sealed class QuestionPartsTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("Who is Altman arguing with, and on which platform?", "Who is Altman arguing with", "on which platform")]
    [InlineData("Wie viel hat xAI ausgegeben und wer hat geklagt?", "Wie viel hat xAI ausgegeben", "wer hat geklagt")]
    [InlineData("Who is MGX? Where is Abilene?", "Who is MGX", "Where is Abilene")]
    public void SplitsWhereASecondQuestionStarts(string question, string first, string second) =>
        Assert.Equal([first, second], QuestionParts.Split(question));

    [Theory]
    [InlineData("What did Musk and Altman say?")]
    [InlineData("Sind SoftBank und MGX Investoren?")]
    [InlineData("who is musk")]
    public void AQuestionAskingOneThingStaysWhole(string question) => Assert.Equal([question], QuestionParts.Split(question));

    [Fact]
    public async Task EachPartIsAnsweredWithItsOwnCitation()
    {
        var reply = await _bot.Bot("How much did xAI spend in Memphis, and where was Stargate announced?");

        var cited = reply.Citations.Select(c => c.Id).ToList();
        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("xai-memphis-12bn", cited[0]);
        Assert.Contains("stargate-up-to-500bn", cited);
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Fact]
    public async Task APartTheStoryLeavesOpenIsNamed()
    {
        var reply = await _bot.Bot("Wie viel hat xAI in Memphis ausgegeben und wer hat die Klage gewonnen?");

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("xai-memphis-12bn", reply.Citations[0].Id);
        Assert.Contains("Dazu sagt die Geschichte nichts: ", reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Body, run => run.Style == RunStyle.UserText && run.Text == "wer hat die Klage gewonnen");
    }
}
