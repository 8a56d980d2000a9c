using System.Net;
using System.Text.Json;
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

    public sealed class OverHttp : IAsyncLifetime
    {
        private FakeSlack _slack = null!;
        private SlackTestHost _host = null!;

        public async Task InitializeAsync()
        {
            _slack = await FakeSlack.StartAsync();
            _host = await SlackTestHost.StartAsync(SlackTestHost.Settings(_slack, socketMode: false, httpMode: true), realChatBot: true);
        }

        public async Task DisposeAsync()
        {
            await _host.DisposeAsync();
            await _slack.DisposeAsync();
        }

        [Theory]
        [InlineData("/who-is", "altman")]
        [InlineData("/funding", "")]
        [InlineData("/dispute", "")]
        [InlineData("/ask", "Wie viel Geld hat SoftBank gesichert?")]
        public async Task SlashCommandAnswerCitesTheSourceVerbatim(string command, string text)
        {
            using var response = await _host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm(command, text, _slack.ResponseUrl("e2e")));
            var post = await _slack.NextCallAsync("chat.postMessage");
            var recorded = await _host.Recorder.NextAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertQuotesAreVerbatim(post.Body);
            Assert.Equal($"{command} {text}".Trim(), recorded.Request.Text);
            Assert.NotEmpty(recorded.Reply.Citations);
            Assert.Contains("storybot_report", PostedBlocks.AllText(post.Body), StringComparison.Ordinal);
        }

        [Fact]
        public async Task HelpIsPrivateInTheAcknowledgement()
        {
            using var response = await _host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/help", string.Empty, _slack.ResponseUrl("help")));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
            Assert.Contains("/who-is", PostedBlocks.AllText(json.RootElement), StringComparison.Ordinal);
        }

        [Fact]
        public async Task InjectionInAQuestionToTheRealBotArrivesEscaped()
        {
            using var response = await _host.PostSignedAsync(
                "/slack/commands",
                SlackPayloads.SlashCommandForm("/ask", "<!channel> <@U0VICTIM> who is altman?", _slack.ResponseUrl("inject")));

            var reply = await Task.WhenAny(_slack.NextCallAsync("chat.postMessage"), _slack.NextCallAsync("response_url"));
            var text = PostedBlocks.AllText((await reply).Body);

            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
        }
    }

    public sealed class OverSocketMode : IAsyncLifetime
    {
        private FakeSlack _slack = null!;
        private SlackTestHost _host = null!;
        private FakeSocket _socket = null!;

        public async Task InitializeAsync()
        {
            _slack = await FakeSlack.StartAsync();
            _host = await SlackTestHost.StartAsync(SlackTestHost.Settings(_slack, socketMode: true, httpMode: false), realChatBot: true);
            _socket = await _slack.NextSocketAsync();
        }

        public async Task DisposeAsync()
        {
            await _host.DisposeAsync();
            await _slack.DisposeAsync();
        }

        [Fact]
        public async Task SlashCommandOverSocketModeCitesTheSourceVerbatim()
        {
            await _socket.SendAsync(SlackPayloads.SlashCommandEnvelope("env-e2e", "/who-is", "musk", _slack.ResponseUrl("e2e")));

            await _socket.AckOfAsync("env-e2e");
            var post = await _slack.NextCallAsync("chat.postMessage");

            AssertQuotesAreVerbatim(post.Body);
        }

        [Fact]
        public async Task MentionIsAnsweredInItsThreadWithVerbatimQuotes()
        {
            var mention = SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> Was hat Musk über das Geld von Stargate gesagt?", ts: "1700000009.000900");
            await _socket.SendAsync(SlackPayloads.EventsEnvelope("env-e2e-mention", "Ev0E2E", mention));

            var post = await _slack.NextCallAsync("chat.postMessage");

            Assert.Equal("1700000009.000900", post.Str("thread_ts"));
            AssertQuotesAreVerbatim(post.Body);
        }
    }
}
