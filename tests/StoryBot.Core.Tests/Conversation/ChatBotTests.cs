using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Conversation;

public sealed class ChatBotTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("")]
    [InlineData("   \t  ")]
    [InlineData("\u0000\u0007")]
    public async Task EmptyInputGetsAGentlePrompt(string text)
    {
        var reply = await _bot.Bot(text);

        Assert.Equal(ReplyKind.Help, reply.Kind);
        Assert.Contains("/help", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVeryLongQuestionIsRefusedPolitelyWithoutBeingRead()
    {
        var reply = await _bot.Bot(new string('x', 10_000));

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("10,000", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public async Task UnknownCommandsAreNamedAsUserTextAndTheRealOnesListed()
    {
        var reply = await _bot.Bot("/everyone-ping");

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains(reply.Body, r => r.Style == RunStyle.UserText && r.Text == "everyone-ping");
        Assert.Contains("/who-is", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@everyone how much is Stargate worth?")]
    [InlineData("<@&123456> @here what did Musk claim?")]
    [InlineData("**bold** <!channel> what did Altman reply?")]
    [InlineData("/who-is @everyone <!channel>")]
    [InlineData("/@everyone")]
    public async Task UserTextNeverLeavesTheBotOutsideAUserTextRun(string question)
    {
        var reply = await _bot.Bot(question);

        foreach (var run in reply.Body.Where(r => r.Style != RunStyle.UserText))
        {
            Assert.DoesNotContain("@everyone", run.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("@here", run.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@&", run.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("<!channel>", run.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/funding", "de", "de")]
    [InlineData("/funding", "en", "en")]
    [InlineData("/funding", null, "en")]
    [InlineData("/funding en", "de", "en")]
    [InlineData("/timeline deutsch", "en", "de")]
    [InlineData("/dispute", "de", "de")]
    [InlineData("/summary", "de", "de")]
    [InlineData("/help", "de", "de")]
    [InlineData("/sources", "de", "de")]
    [InlineData("/who-is altman", "de", "de")]
    [InlineData("/who-is altman", "en", "en")]
    [InlineData("/ask Texas?", "de", "de")]
    [InlineData("How much money have the Stargate partners committed?", "de", "en")]
    [InlineData("Wer bezahlt Stargate?", "en", "de")]
    [InlineData("/no-such-command", "de", "de")]
    [InlineData("", "de", "de")]
    public async Task TheReplysLanguageIsTheOneTheNoticesAreWrittenIn(string text, string? preferred, string expected)
    {
        var request = new ChatRequest("discord", "test", "tester", text)
        {
            PreferredLanguage = preferred is null ? null : LanguageCodes.FromLocale(preferred),
        };

        var reply = await _bot.RespondAsync(request, CancellationToken.None);

        Assert.Equal(expected, reply.Language.Code());
        Assert.Equal(reply.Language, _bot.LanguageOf(request));
    }

    [Theory]
    [InlineData("🚀🔥💰")]
    [InlineData("???")]
    [InlineData("Stargate 🚀 how much money???")]
    public async Task EmojiAndPunctuationGetASensibleAnswer(string question)
    {
        var reply = await _bot.Bot(question);

        Assert.True(reply.Kind is ReplyKind.Answer or ReplyKind.Abstention, reply.Kind.ToString());
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Theory]
    [InlineData("Wie viel money hat SoftBank laut Musk secured?")]
    [InlineData("How much Geld hat SoftBank according to Musk?")]
    public async Task AMixOfEnglishAndGermanIsAnsweredInOneOfThem(string question)
    {
        var reply = await _bot.Bot(question);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("musk-softbank-under-10bn", reply.Citations[0].Id);
        Assert.Contains(reply.Language, new[] { Core.Knowledge.Language.English, Core.Knowledge.Language.German });
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Fact]
    public async Task FreeTextIsAQuestion()
    {
        var asked = await _bot.Bot("/ask How much did xAI spend in Memphis?");
        var typed = await _bot.Bot("How much did xAI spend in Memphis?");

        Assert.Equal(asked.Citations.Select(c => c.Id), typed.Citations.Select(c => c.Id));
        Assert.Equal("xai-memphis-12bn", typed.Citations[0].Id);
    }

    [Fact]
    public void ControlAndFormatCharactersAreStripped()
    {
        Assert.Equal("who is\naltman", InputText.Clean("who\u0000 is\u200B\r\n altman\u0007"));
        Assert.Equal("who is altman", InputText.Clean("who\u0000 is\u200B\t  altman\u0007"));
    }
}
