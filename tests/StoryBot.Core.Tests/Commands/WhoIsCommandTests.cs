using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Commands;

public sealed class WhoIsCommandTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("Sam Altman", "Sam Altman")]
    [InlineData("altman", "Sam Altman")]
    [InlineData("ALTMANN", "Sam Altman")]
    [InlineData("Elon Mask", "Elon Musk")]
    [InlineData("musk", "Elon Musk")]
    [InlineData("Weißes Haus", "White House")]
    [InlineData("weisses haus", "White House")]
    [InlineData("Satya Nadela", "Satya Nadella")]
    [InlineData("Department of Government Efficiency", "DOGE")]
    [InlineData("Nadelal", "Satya Nadella")] // typos no alias lists
    [InlineData("Abilenne", "Abilene (Texas)")]
    [InlineData("softbnk", "SoftBank")]
    [InlineData("Stargaet", "Stargate")]
    public async Task FindsTheEntityByNameAliasOrTypo(string typed, string expectedName)
    {
        var reply = await _bot.Bot("/who-is " + typed);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Contains(expectedName, reply.Body[0].Text, StringComparison.Ordinal);
        Assert.NotEmpty(reply.Citations);
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Theory]
    [InlineData("altmann")]
    [InlineData("Musk")]
    public async Task ANameAloneDoesNotDecideTheLanguage(string name)
    {
        var reply = await _bot.Bot("/who-is " + name);

        Assert.Equal(Language.English, reply.Language);
    }

    [Fact]
    public async Task AnswersInGermanWhenAskedInGerman()
    {
        var reply = await _bot.Bot("/who-is altman deutsch");

        // A trailing language word is part of the name here, so the name lookup still decides.
        Assert.NotEqual(ReplyKind.Error, reply.Kind);

        var german = await _bot.RespondAsync(
            new ChatRequest("console", "test", "tester", "/who-is altman") { PreferredLanguage = Language.German },
            CancellationToken.None);
        Assert.Equal(Language.German, german.Language);
        Assert.Contains("OpenAI", german.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaysPlainlyWhenTheStoryNamesNoOneByThatName()
    {
        var reply = await _bot.Bot("/who-is Jeff Bezos");

        Assert.True(reply.Abstained);
        Assert.Empty(reply.Citations);
        Assert.Contains(reply.Body, r => r.Style == RunStyle.UserText && r.Text == "Jeff Bezos");
        Assert.Contains("Sam Altman", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsksForANameWhenGivenNone()
    {
        var reply = await _bot.Bot("/who-is");

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("Elon Musk", reply.Text, StringComparison.Ordinal);
    }
}
