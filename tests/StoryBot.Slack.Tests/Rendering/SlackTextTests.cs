using StoryBot.Slack.Rendering;

namespace StoryBot.Slack.Tests.Rendering;

public class SlackTextTests
{
    public class StripBotMention
    {
        [Theory]
        [InlineData("<@U0BOT> who is altman", "U0BOT", "who is altman")]
        [InlineData("hey <@U0BOT|storybot> who is altman", "U0BOT", "hey   who is altman")]
        [InlineData("<@U0BOT> ask <@U0OTHER>", "U0BOT", "ask <@U0OTHER>")]
        [InlineData("<@U0BOT> who is altman", null, "who is altman")]
        public void RemovesOnlyTheBotsMention(string text, string? botId, string expected)
        {
            Assert.Equal(expected, SlackText.StripBotMention(text, botId));
        }
    }

    public class EscapeAndUnescape
    {
        [Fact]
        public void EscapeEncodesTheThreeControlCharacters()
        {
            Assert.Equal("a &amp; &lt;!here&gt;", SlackText.Escape("a & <!here>"));
        }

        [Fact]
        public void UserTextKeepsItsLettersButLosesEveryFormattingMark()
        {
            var escaped = SlackText.EscapeUserText("*bold* _it_ ~s~ `code` <!here> & co");

            Assert.Equal("\u2217bold\u2217 \u02CDit\u02CD \u223Cs\u223C \u02CBcode\u02CB &lt;!here&gt; &amp; co", escaped);
            Assert.DoesNotContain(escaped, c => c is '*' or '_' or '~' or '`');
        }

        [Fact]
        public void UnescapeGivesBackWhatTheUserTyped()
        {
            Assert.Equal("a & <b> &lt;", SlackText.Unescape("a &amp; &lt;b&gt; &amp;lt;"));
        }
    }
}
