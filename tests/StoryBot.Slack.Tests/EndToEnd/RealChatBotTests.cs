using System.Net;
using System.Text.Json;
using StoryBot.Core.Knowledge;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.EndToEnd;

/// <summary>
/// Slack all the way through the real <c>IChatBot</c> and the repository's knowledge pack: every quote
/// that reaches Slack must stand verbatim in the German source.
/// </summary>
public class RealChatBotTests
{
    private static void AssertQuotesAreVerbatim(JsonElement message)
    {
        var quotes = PostedBlocks.Quotes(message);
        Assert.NotEmpty(quotes);
        var story = SourceText.Story;
        Assert.All(quotes, quote => Assert.Contains(quote.Trim('~'), story, StringComparison.Ordinal));
    }

    public sealed class OverHttp : SlackHostTest
    {
        protected override bool RealChatBot => true;

        // A cold first users.info on a busy machine may take longer than the default budget.
        private protected override void Configure(Dictionary<string, string?> settings) => settings["Slack:UserLocaleBudget"] = "00:00:01";

        [Theory]
        [InlineData("/who-is", "altman")]
        [InlineData("/funding", "")]
        [InlineData("/dispute", "")]
        [InlineData("/ask", "Wie viel Geld hat SoftBank gesichert?")]
        public async Task SlashCommandAnswerCitesTheSourceVerbatim(string command, string text)
        {
            using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm(command, text, Slack.ResponseUrl("e2e")));
            var post = await Slack.NextCallAsync("chat.postMessage");
            var recorded = await Host.Recorder.NextAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertQuotesAreVerbatim(post.Body);
            Assert.Equal($"{command} {text}".Trim(), recorded.Request.Text);
            Assert.NotEmpty(recorded.Reply.Citations);
            Assert.Contains("storybot_report", PostedBlocks.AllText(post.Body), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("/funding", "", "de")]
        [InlineData("/who-is", "altman", "de")]
        [InlineData("/ask", "How much money has SoftBank secured?", "en")]
        public async Task AGermanSlackUserIsAnsweredInGermanUnlessTheQuestionIsClearlyEnglish(string command, string text, string expected)
        {
            Slack.UserLocales["U0GERMAN01"] = "de-DE";

            using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm(command, text, Slack.ResponseUrl("de"), user: "U0GERMAN01"));
            var recorded = await Host.Recorder.NextAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, recorded.Reply.Language.Code());
        }

        [Fact]
        public async Task AFollowUpInTheThreadIsAnsweredAboutWhatTheThreadAskedBeforeAndPostedInIt()
        {
            await StartThreadAsync("Ev0FIRST", "what did musk claim about softbank", "1700000002.000100");

            var followUp = SlackPayloads.EventCallback("Ev0MORE", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> more please", ts: "1700000002.000300", threadTs: "1700000002.000100"));
            using var response = await Host.PostSignedAsync("/slack/events", followUp, "application/json");
            var post = await Slack.NextCallAsync("chat.postMessage");
            var recorded = await Host.Recorder.NextAsync();

            // "more" is more of the thread's last answer: the rest of the paragraph it quoted.
            Assert.Equal("1700000002.000100", post.Str("thread_ts"));
            Assert.Contains("More from the story:", PostedBlocks.AllText(post.Body), StringComparison.Ordinal);
            Assert.NotEmpty(recorded.Reply.Citations);
            AssertQuotesAreVerbatim(post.Body);
        }

        [Fact]
        public async Task AnAmbiguousFollowUpInTheThreadAsksWhichOneAndTheSameWordsElsewhereDoNot()
        {
            await StartThreadAsync("Ev0FIRST2", "why are musk and altman fighting", "1700000003.000100");

            // The question back is for the asker alone, in the thread; the same words in a thread of
            // their own have nothing to lean on and get an answer for everyone.
            var inThread = SlackPayloads.EventCallback("Ev0HE1", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> what did he say", ts: "1700000003.000200", threadTs: "1700000003.000100"));
            using var first = await Host.PostSignedAsync("/slack/events", inThread, "application/json");
            var askedBack = await Slack.NextCallAsync("chat.postEphemeral");
            var elsewhere = SlackPayloads.EventCallback("Ev0HE2", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> what did he say", ts: "1700000004.000200"));
            using var second = await Host.PostSignedAsync("/slack/events", elsewhere, "application/json");
            var alone = await Slack.NextCallAsync("chat.postMessage");

            Assert.Equal("1700000003.000100", askedBack.Str("thread_ts"));
            Assert.Contains("Who do you mean: Elon Musk or Sam Altman?", PostedBlocks.AllText(askedBack.Body), StringComparison.Ordinal);
            Assert.Equal("1700000004.000200", alone.Str("thread_ts"));
            Assert.DoesNotContain("Who do you mean", PostedBlocks.AllText(alone.Body), StringComparison.Ordinal);
        }

        /// <summary>A mention answered in a thread of its own, the thread a follow-up then writes in.</summary>
        private async Task StartThreadAsync(string eventId, string question, string ts)
        {
            var mention = SlackPayloads.EventCallback(eventId, SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> {question}", ts: ts));
            using var response = await Host.PostSignedAsync("/slack/events", mention, "application/json");
            await Slack.NextCallAsync("chat.postMessage");
            await Host.Recorder.NextAsync();
        }

        [Fact]
        public async Task TheMessageShortcutAnswersThePickedMessageCleanedLikeAnyQuestion()
        {
            var payload = SlackPayloads.MessageShortcut($"<@{FakeSlack.BotUserId}> hey, wer ist Sam Altman? :)", "1581106229.000400", Slack.ResponseUrl("shortcut"));

            using var response = await Host.PostSignedAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload));
            var post = await Slack.NextCallAsync("chat.postMessage");
            var recorded = await Host.Recorder.NextAsync();

            AssertQuotesAreVerbatim(post.Body);
            Assert.Equal(Language.German, recorded.Reply.Language);
            Assert.Equal("1581106229.000400", post.Str("thread_ts"));
        }

        [Fact]
        public async Task AMessageTooLongToAskAboutGetsAPrivateRefusal()
        {
            var payload = SlackPayloads.MessageShortcut(string.Join(' ', Enumerable.Repeat("Stargate", 200)), "1581106229.000500", Slack.ResponseUrl("long"));

            using var response = await Host.PostSignedAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload));
            var hook = await Slack.NextCallAsync("response_url");

            Assert.Equal("ephemeral", hook.Str("response_type"));
            Assert.Equal("/hooks/long", hook.Path);
            Assert.Equal(0, Slack.Count("chat.postMessage"));
        }

        [Fact]
        public async Task HelpIsPrivateInTheAcknowledgement()
        {
            using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/help", string.Empty, Slack.ResponseUrl("help")));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
            Assert.Contains("/who-is", PostedBlocks.AllText(json.RootElement), StringComparison.Ordinal);
        }

        [Fact]
        public async Task InjectionInAQuestionToTheRealBotArrivesEscaped()
        {
            using var response = await Host.PostSignedAsync(
                "/slack/commands",
                SlackPayloads.SlashCommandForm("/ask", "<!channel> <@U0VICTIM> who is altman?", Slack.ResponseUrl("inject")));

            var reply = await Task.WhenAny(Slack.NextCallAsync("chat.postMessage"), Slack.NextCallAsync("response_url"));
            var text = PostedBlocks.AllText((await reply).Body);

            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
        }
    }

    public sealed class OverSocketMode : SlackHostTest
    {
        private FakeSocket _socket = null!;

        protected override bool SocketMode => true;

        protected override bool HttpMode => false;

        protected override bool RealChatBot => true;

        private protected override async Task StartedAsync() => _socket = await Slack.NextSocketAsync();

        [Fact]
        public async Task SlashCommandOverSocketModeCitesTheSourceVerbatim()
        {
            await _socket.SendAsync(SlackPayloads.SlashCommandEnvelope("env-e2e", "/who-is", "musk", Slack.ResponseUrl("e2e")));

            await _socket.AckOfAsync("env-e2e");
            var post = await Slack.NextCallAsync("chat.postMessage");

            AssertQuotesAreVerbatim(post.Body);
        }

        [Fact]
        public async Task MentionIsAnsweredInItsThreadWithVerbatimQuotes()
        {
            var mention = SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> Was hat Musk über das Geld von Stargate gesagt?", ts: "1700000009.000900");
            await _socket.SendAsync(SlackPayloads.EventsEnvelope("env-e2e-mention", "Ev0E2E", mention));

            var post = await Slack.NextCallAsync("chat.postMessage");

            Assert.Equal("1700000009.000900", post.Str("thread_ts"));
            AssertQuotesAreVerbatim(post.Body);
        }
    }
}
