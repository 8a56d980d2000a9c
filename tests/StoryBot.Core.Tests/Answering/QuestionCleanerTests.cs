using System.Diagnostics;
using System.Reflection;
using StoryBot.Core.Answering;

namespace StoryBot.Core.Tests.Answering;

public sealed class QuestionCleanerTests
{
    [Theory]
    [InlineData("<@123456789012345678> who is musk?", "who is musk?")]
    [InlineData("<@!123456789012345678> what is stargate?", "what is stargate?")]
    [InlineData("<@&987654321098765432> who funds stargate?", "who funds stargate?")]
    [InlineData("<#112233445566778899> who is altman?", "who is altman?")]
    [InlineData("@everyone who is musk?", "who is musk?")]
    [InlineData("@here what happened?", "what happened?")]
    [InlineData("who is musk <:pepe:123456789>", "who is musk")]
    [InlineData("<a:party:123456789> what is stargate?", "what is stargate?")]
    [InlineData("</ask:123456789> who is son?", "who is son?")]
    [InlineData("Wer ist Musk? <@123> <@!456>", "Wer ist Musk?")]
    public void DiscordMentionsAndCustomEmojiAreRemoved(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("<@U024BE7LH> who is musk?", "who is musk?")]
    [InlineData("<@U024BE7LH|storybot> who is musk?", "who is musk?")]
    [InlineData("<!channel> what is stargate?", "what is stargate?")]
    [InlineData("<!here> who pays for stargate?", "who pays for stargate?")]
    [InlineData("<!everyone> wer ist Musk?", "wer ist Musk?")]
    [InlineData("<!subteam^S123ABC|@team> who is altman?", "who is altman?")]
    [InlineData("what happened on <!date^1737590400^{date_short}|Jan 22nd>?", "what happened on Jan 22nd?")]
    public void SlackMentionsAreRemovedAndDatesKeepTheirFallbackText(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("what does <https://example.com/a|this article> say?", "what does this article say?")]
    [InlineData("who is musk? <https://example.com/musk>", "who is musk?")]
    [InlineData("<https://example.com|link> what is the memphis data center", "what is the memphis data center")]
    [InlineData("what did altman say <https://example.com/x|here>", "what did altman say")]
    [InlineData("is <mailto:press@openai.com|press@openai.com> the contact?", "is press@openai.com the contact?")]
    [InlineData("was schreibt <http://example.de/x|die Zeitung> über SoftBank?", "was schreibt die Zeitung über SoftBank?")]
    public void SlackLinksKeepOnlyTheirLabel(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("who is musk? https://example.com/musk", "who is musk?")]
    [InlineData("https://example.com/story what did altman say?", "what did altman say?")]
    [InlineData("what is stargate (www.example.com)?", "what is stargate?")]
    [InlineData("HTTP://EXAMPLE.COM who is son?", "who is son?")]
    [InlineData("was steht in https://example.de/artikel?", "was steht in?")]
    [InlineData("what about https://en.wikipedia.org/wiki/Stargate_(project)?", "what about?")]
    public void BareLinksAreRemoved(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData(":fire: who is musk?", "who is musk?")]
    [InlineData("who is musk :+1:", "who is musk")]
    [InlineData("what did altman say :thinking_face:?", "what did altman say?")]
    [InlineData(":thumbsup::skin-tone-2: who is son?", "who is son?")]
    [InlineData("was passierte um 10:30?", "was passierte um 10:30?")]
    [InlineData("is the ratio 3:1 or 2:1?", "is the ratio 3:1 or 2:1?")]
    [InlineData("who spoke at 10:30:15?", "who spoke at 10:30:15?")]
    public void EmojiCodesAreRemovedButTimesAndRatiosAreKept(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("🔥 who is musk?", "who is musk?")]
    [InlineData("who is musk 👍🏽", "who is musk")]
    [InlineData("what did altman say ❤️?", "what did altman say?")]
    [InlineData("👨‍👩‍👧 wer zahlt für Stargate?", "wer zahlt für Stargate?")]
    [InlineData("does stargate cost $500bn or €480bn? 🇺🇸", "does stargate cost $500bn or €480bn?")]
    [InlineData("Was sagt Söhne über Größe? 😀", "Was sagt Söhne über Größe?")]
    [InlineData("is it 30°C in Abilene? ✅", "is it 30°C in Abilene?")]
    [InlineData("1️⃣ who pays?", "who pays?")]
    [InlineData(":) who is musk ;-)", "who is musk")]
    public void UnicodeEmojiAreRemovedButCurrencyAndAccentsAreKept(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("> musk said it was fake\nwhat did he mean?", "what did he mean?")]
    [InlineData("what did he mean?\n> musk said it was fake", "what did he mean?")]
    [InlineData("> Altman antwortete\n> auf X\nWas meinte er?", "Was meinte er?")]
    [InlineData("what is 5 > 3?", "what is 5 > 3?")]
    public void QuotedLinesAreDroppedWhenTheUserWroteTheirOwnText(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("> who is musk?", "who is musk?")]
    [InlineData("> who is musk?\n> and altman?", "who is musk? and altman?")]
    [InlineData(">>> what is stargate?\nwho pays?", "what is stargate? who pays?")]
    [InlineData("> > wer ist Son?", "wer ist Son?")]
    [InlineData("> what did son promise?\n<@123456789>", "what did son promise?")]
    public void AMessageOfOnlyQuotedLinesKeepsTheirText(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("who is **musk**?", "who is musk?")]
    [InlineData("who is __musk__?", "who is musk?")]
    [InlineData("who is *musk*?", "who is musk?")]
    [InlineData("who is _musk_?", "who is musk?")]
    [InlineData("who is ~~musk~~ altman?", "who is musk altman?")]
    [InlineData("what does `snake_case` mean?", "what does snake_case mean?")]
    [InlineData("what is ```stargate```?", "what is stargate?")]
    [InlineData("who is ||the buyer||?", "who is the buyer?")]
    [InlineData("was heißt __**Stargate**__?", "was heißt Stargate?")]
    [InlineData("who is ***musk***?", "who is musk?")]
    [InlineData("*who is _musk_ really?*", "who is musk really?")]
    public void MarkdownMarksAreRemovedAndTheirTextIsKept(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("what is a snake_case_name?")]
    [InlineData("is 2 * 3 * 4 = 24?")]
    [InlineData("what does * mean?")]
    [InlineData("what did __init__py say?")]
    [InlineData("does it cost ~500bn or ~600bn?")]
    public void WordsAndLoneMarksThatAreNotMarkdownStay(string text)
    {
        Assert.Equal(text, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("hey, who is musk?", "who is musk?")]
    [InlineData("Hi there! who is altman?", "who is altman?")]
    [InlineData("hello: what is stargate?", "what is stargate?")]
    [InlineData("yo who is son?", "who is son?")]
    [InlineData("hey bot, who is musk?", "who is musk?")]
    [InlineData("hey storybot who pays?", "who pays?")]
    [InlineData("@StoryBot who is musk?", "who is musk?")]
    [InlineData("StoryBot, who is musk?", "who is musk?")]
    [InlineData("bot: who is musk?", "who is musk?")]
    [InlineData("ok so who is musk?", "who is musk?")]
    [InlineData("quick question: who is son?", "who is son?")]
    [InlineData("question: who is altman?", "who is altman?")]
    [InlineData("Hallo StoryBot, wer ist Musk?", "wer ist Musk?")]
    [InlineData("Moin! Wer ist Altman?", "Wer ist Altman?")]
    [InlineData("Servus, was ist Stargate?", "was ist Stargate?")]
    [InlineData("Kurze Frage: wer ist Son?", "wer ist Son?")]
    [InlineData("Frage: wer ist Altman?", "wer ist Altman?")]
    [InlineData("hallo — frage: wer zahlt?", "wer zahlt?")]
    [InlineData("quick q: what's DOGE?", "what's DOGE?")]
    [InlineData("can someone just tell me who pays?", "who pays?")]
    [InlineData("does anyone know who pays?", "who pays?")]
    [InlineData("Kann mir jemand sagen, wer zahlt?", "wer zahlt?")]
    [InlineData("weiß jemand wer zahlt?", "wer zahlt?")]
    [InlineData("hat wer mitbekommen wo Stargate gebaut wird?", "wo Stargate gebaut wird?")]
    [InlineData("what's the deal with the executive order?", "the executive order?")]
    [InlineData("whats up with DOGE", "DOGE")]
    public void GreetingsAndAddressingAtTheStartAreRemoved(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("unrelated but where is the memphis data centre", "where is the memphis data centre")]
    [InlineData("totally off-topic: who is son?", "who is son?")]
    [InlineData("different question, who pays for stargate?", "who pays for stargate?")]
    [InlineData("ok new topic - what is doge", "what is doge")]
    [InlineData("Anderes Thema: wer ist Nadella?", "wer ist Nadella?")]
    [InlineData("neue Frage, was kostet Stargate?", "was kostet Stargate?")]
    [InlineData("was anderes aber: wer zahlt?", "wer zahlt?")]
    public void SayingTheSubjectChangesIsNotPartOfTheQuestion(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("does the article say whether softbank has the money?", "softbank has the money?")]
    [InlineData("did the story mention anything about xai's data centre", "xai's data centre")]
    [InlineData("Steht im Artikel, ob Microsoft etwas gesagt hat?", "Microsoft etwas gesagt hat?")]
    [InlineData("sagt der Bericht, dass Musk DOGE leitet?", "Musk DOGE leitet?")]
    public void AskingWhetherTheArticleSaysSomethingAsksForThatThing(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("who is musk? thanks!", "who is musk?")]
    [InlineData("who is musk thx", "who is musk")]
    [InlineData("who is musk, please?", "who is musk?")]
    [InlineData("who is altman pls", "who is altman")]
    [InlineData("who is son? thank you in advance", "who is son?")]
    [InlineData("wer ist Musk? Danke", "wer ist Musk?")]
    [InlineData("wer ist Musk bitte?", "wer ist Musk?")]
    [InlineData("Wer ist Altman? Vielen Dank!", "Wer ist Altman?")]
    public void ThanksAtTheEndAreRemoved(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("answer briefly: who is musk?", "who is musk?")]
    [InlineData("briefly: who is musk?", "who is musk?")]
    [InlineData("who is musk? answer briefly", "who is musk?")]
    [InlineData("in short, what is stargate?", "what is stargate?")]
    [InlineData("short answer: who pays?", "who pays?")]
    [InlineData("tl;dr what is stargate?", "what is stargate?")]
    [InlineData("what is stargate? tldr", "what is stargate?")]
    [InlineData("eli5: what is stargate?", "what is stargate?")]
    [InlineData("who is musk? with sources please", "who is musk?")]
    [InlineData("sources please: who is musk?", "who is musk?")]
    [InlineData("who is musk, cite your sources", "who is musk")]
    [InlineData("no sources: who is musk?", "who is musk?")]
    [InlineData("can you tell me who musk is?", "who musk is?")]
    [InlineData("could you tell me what stargate is?", "what stargate is?")]
    [InlineData("do you know who altman is?", "who altman is?")]
    [InlineData("who is altman, do you know?", "who is altman?")]
    [InlineData("i wonder who pays for stargate", "who pays for stargate")]
    [InlineData("I want to know what musk said", "what musk said")]
    [InlineData("tell me about softbank", "softbank")]
    [InlineData("please tell me about stargate", "stargate")]
    [InlineData("explain stargate", "stargate")]
    [InlineData("explain to me what stargate is", "what stargate is")]
    [InlineData("who is musk (briefly)", "who is musk")]
    [InlineData("hey bot, can you tell me about softbank? thanks", "softbank?")]
    [InlineData("Hey @StoryBot, can you please tell me about SoftBank's role? Thanks!!", "SoftBank's role?")]
    [InlineData("yo bot what's the tl;dr on stargate", "what's the tl;dr on stargate")]
    [InlineData("who is musk – in short", "who is musk")]
    [InlineData("give me the gist in two sentences", "give me the gist")]
    [InlineData("what is stargate in a few words?", "what is stargate?")]
    [InlineData("who pays for stargate, in 3 bullet points please", "who pays for stargate")]
    public void EnglishInstructionWrappersAreRemovedAndTheTopicIsKept(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("Antworte kurz: wer ist Musk?", "wer ist Musk?")]
    [InlineData("Fass die Geschichte zusammen, in zwei Sätzen", "Fass die Geschichte zusammen")]
    [InlineData("was ist stargate in einem satz?", "was ist stargate?")]
    [InlineData("kurz: wer ist Musk?", "wer ist Musk?")]
    [InlineData("kurz bitte: wer ist Musk?", "wer ist Musk?")]
    [InlineData("Erklär mir kurz, was xAI damit zu tun hat", "was xAI damit zu tun hat")]
    [InlineData("explain briefly what DOGE is", "what DOGE is")]
    [InlineData("Kurze Antwort: was ist Stargate?", "was ist Stargate?")]
    [InlineData("Wer ist Musk? Mit Quellen bitte", "Wer ist Musk?")]
    [InlineData("Antworte ohne Quellen: wer ist Altman?", "wer ist Altman?")]
    [InlineData("Wer ist Musk, ohne Quellen?", "Wer ist Musk?")]
    [InlineData("Erklär mir Stargate", "Stargate")]
    [InlineData("Erklär mir, wer Altman ist", "wer Altman ist")]
    [InlineData("Erkläre mir, was Stargate ist", "was Stargate ist")]
    [InlineData("Erklär mal, wer Son ist", "wer Son ist")]
    [InlineData("Kannst du mir sagen, wer Musk ist?", "wer Musk ist?")]
    [InlineData("Weißt du, wer Altman ist?", "wer Altman ist?")]
    [InlineData("Sag mal, wer zahlt?", "wer zahlt?")]
    [InlineData("Sag mir, wer Musk ist", "wer Musk ist")]
    [InlineData("Ich möchte wissen, was Musk gesagt hat", "was Musk gesagt hat")]
    [InlineData("Mich würde interessieren, was SoftBank zahlt", "was SoftBank zahlt")]
    [InlineData("Hallo, kurze Frage: was sagt Musk? Danke!", "was sagt Musk?")]
    [InlineData("Bitte erklär mir Stargate, danke schön", "Stargate")]
    [InlineData("**Frage:** wer ist Musk?", "wer ist Musk?")]
    public void GermanInstructionWrappersAreRemovedAndTheTopicIsKept(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("who is musk?")]
    [InlineData("what did musk say about softbank")]
    [InlineData("who was here first?")]
    [InlineData("does everyone agree with altman?")]
    [InlineData("what was altman's answer?")]
    [InlineData("what did altman explain?")]
    [InlineData("why are there no sources?")]
    [InlineData("how short is the timeline?")]
    [InlineData("what did the bot say about xAI?")]
    [InlineData("is the tl;dr of stargate money?")]
    [InlineData("was sagte Musk kurz nach der Ankündigung?")]
    [InlineData("Wer ist Kurz?")]
    [InlineData("Wer hat das Geld, weiß Son das?")]
    [InlineData("hierarchy of openai?")]
    [InlineData("who is Hiroshi?")]
    [InlineData("explanation of the deal?")]
    [InlineData("who said thanks?")]
    [InlineData("so who is musk")]
    public void ContentWordsOfTheQuestionAreKept(string text)
    {
        Assert.Equal(text, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("@everyone :fire:")]
    [InlineData("<@123456789> 👍")]
    [InlineData("hi!")]
    [InlineData("thanks!")]
    [InlineData("https://example.com/story")]
    [InlineData("hey storybot, thanks")]
    [InlineData("> \n>")]
    [InlineData("Hallo StoryBot! 🙂 Danke")]
    [InlineData("?")]
    public void AMessageOfOnlyNoiseBecomesEmpty(string text)
    {
        Assert.Equal(string.Empty, QuestionCleaner.Clean(text));
    }

    [Theory]
    [InlineData("  who   is\n\tmusk ?  ", "who is musk?")]
    [InlineData(", - who is musk?", "who is musk?")]
    [InlineData(": wer ist Altman?", "wer ist Altman?")]
    [InlineData("who is musk??", "who is musk??")]
    public void WhiteSpaceIsFoldedAndLeftoverPunctuationIsTrimmed(string text, string expected)
    {
        Assert.Equal(expected, QuestionCleaner.Clean(text));
    }

    [Theory]
    [MemberData(nameof(EveryTableInput))]
    public void CleaningTwiceGivesWhatCleaningOnceGives(string text)
    {
        var once = QuestionCleaner.Clean(text);

        Assert.Equal(once, QuestionCleaner.Clean(once));
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void HostileInputIsCleanedQuicklyAndStaysStable(string text)
    {
        var clock = Stopwatch.StartNew();
        var once = QuestionCleaner.Clean(text);
        var twice = QuestionCleaner.Clean(once);
        clock.Stop();

        Assert.Equal(once, twice);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    /// <summary>The first argument of every [InlineData] row in this class.</summary>
    public static TheoryData<string> EveryTableInput()
    {
        var inputs = new TheoryData<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in typeof(QuestionCleanerTests).GetMethods())
        {
            foreach (var row in method.GetCustomAttributes<InlineDataAttribute>().SelectMany(data => data.GetData(method)))
            {
                if (row is [string text, ..] && seen.Add(text))
                {
                    inputs.Add(text);
                }
            }
        }

        return inputs;
    }

    public static TheoryData<string> HostileInputs() =>
    [
        new string('*', 1000),
        string.Concat(Enumerable.Repeat("*a ", 333)),
        string.Concat(Enumerable.Repeat("*a ", 166)) + string.Concat(Enumerable.Repeat("a* ", 166)),
        string.Concat(Enumerable.Repeat("_x", 500)),
        string.Concat(Enumerable.Repeat("<a", 500)),
        string.Concat(Enumerable.Repeat("<@", 500)),
        string.Concat(Enumerable.Repeat(":a", 500)),
        string.Concat(Enumerable.Repeat("||a", 333)),
        string.Concat(Enumerable.Repeat("`", 1000)),
        string.Concat(Enumerable.Repeat("hey ", 250)),
        string.Concat(Enumerable.Repeat(", briefly", 111)),
        "who " + string.Concat(Enumerable.Repeat("thanks ", 140)),
        "x" + string.Concat(Enumerable.Repeat("? answer briefly", 62)) + "x",
        string.Concat(Enumerable.Repeat("https://", 125)),
        string.Concat(Enumerable.Repeat("> ", 500)),
        string.Concat(Enumerable.Repeat("🔥\u200D", 333)),
    ];
}
