using System.Net;
using System.Text.Json;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Http;

/// <summary>The signed HTTP endpoints in a real Kestrel host, answering through a fake Slack.</summary>
public sealed class SlackHttpEndpointsTests : SlackHostTest
{
    private string Command(string command, string text, string hook = "h1") =>
        SlackPayloads.SlashCommandForm(command, text, Slack.ResponseUrl(hook));

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/events")]
    [InlineData("/slack/interactivity")]
    public async Task WrongSignatureIsRefusedAndNothingRuns(string path)
    {
        var body = path == "/slack/events"
            ? SlackPayloads.EventCallback("Ev0BAD", SlackPayloads.DirectMessage("x"))
            : Command("/who-is", "altman");

        using var response = await Host.PostSignedAsync(path, body, signature: "v0=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Host.Bot.Calls);
    }

    [Fact]
    public async Task MissingSignatureIsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseUrl, "/slack/commands"))
        {
            Content = new StringContent(Command("/who-is", "altman")),
        };

        using var response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Host.Bot.Calls);
    }

    [Theory]
    [InlineData(-400)]
    [InlineData(400)]
    public async Task StaleOrFutureTimestampIsRefusedEvenWhenCorrectlySigned(int offsetSeconds)
    {
        var stamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds;

        using var response = await Host.PostSignedAsync("/slack/commands", Command("/who-is", "altman"), timestamp: stamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Host.Bot.Calls);
    }

    [Fact]
    public async Task BodyChangedAfterSigningIsRefused()
    {
        var stamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var signature = StoryBot.Slack.Http.SlackSignatureVerifier.Sign(SlackTestHost.SigningSecret, stamp.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.UTF8.GetBytes(Command("/who-is", "altman")));

        using var response = await Host.PostSignedAsync("/slack/commands", Command("/sources", "disable x"), timestamp: stamp, signature: signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Host.Bot.Calls);
    }

    [Fact]
    public async Task SlashCommandIsAcknowledgedEmptyAndAnsweredInTheChannelWithAVerbatimQuote()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Command("/who-is", "altman"));
        var ackBody = await response.Content.ReadAsStringAsync();

        var request = await Host.Bot.NextRequestAsync();
        var post = await Slack.NextCallAsync("chat.postMessage");
        var recorded = await Host.Recorder.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, ackBody);
        Assert.Equal("/who-is altman", request.Text);
        var quote = Assert.Single(PostedBlocks.Quotes(post.Body));
        Assert.Contains(quote, SourceText.Story, StringComparison.Ordinal);
        Assert.Equal(post.Str("channel"), recorded.Message.ChannelId);
    }

    [Fact]
    public async Task PrivateReplyComesBackInTheResponseBody()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Command("/help", string.Empty));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.Equal(0, Slack.Count("chat.postMessage"));
    }

    [Fact]
    public async Task SslCheckIsAnsweredWithoutRunningAnything()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", "token=gIkuvaNzQIHg97ATvDxqgjtO&ssl_check=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, Host.Bot.Calls);
    }

    [Fact]
    public async Task UrlVerificationEchoesTheChallenge()
    {
        const string body = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

        using var response = await Host.PostSignedAsync("/slack/events", body, "application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task UnsignedUrlVerificationIsRefused()
    {
        const string body = """{"token":"x","challenge":"abc","type":"url_verification"}""";

        using var response = await Host.PostSignedAsync("/slack/events", body, "application/json", signature: "v0=" + new string('a', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RetriedEventIsAnsweredOnce()
    {
        var body = SlackPayloads.EventCallback("Ev0RETRY", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> who funds stargate?"));

        using var first = await Host.PostSignedAsync("/slack/events", body, "application/json");
        using var retry = await Host.PostSignedAsync("/slack/events", body, "application/json",
            headers: new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_timeout" });
        using var sentinel = await Host.PostSignedAsync("/slack/events",
            SlackPayloads.EventCallback("Ev0SENTINEL", SlackPayloads.DirectMessage("sentinel")), "application/json");

        var texts = new[] { (await Host.Bot.NextRequestAsync()).Text, (await Host.Bot.NextRequestAsync()).Text };
        await Slack.NextCallAsync("chat.postMessage");
        await Slack.NextCallAsync("chat.postMessage");

        Assert.All(new[] { first, retry, sentinel }, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(["sentinel", "who funds stargate?"], texts.Order());
        Assert.Equal(2, Host.Bot.Calls);
    }

    [Fact]
    public async Task ReplayedSlashCommandIsAcknowledgedButNotAnsweredAgain()
    {
        var command = Command("/who-is", "altman");
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var first = await Host.PostSignedAsync("/slack/commands", command, timestamp: stamp);
        using var replay = await Host.PostSignedAsync("/slack/commands", command, timestamp: stamp);
        using var sentinel = await Host.PostSignedAsync("/slack/commands", Command("/who-is", "musk"));

        var texts = new[] { (await Host.Bot.NextRequestAsync()).Text, (await Host.Bot.NextRequestAsync()).Text };

        Assert.All(new[] { first, replay, sentinel }, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(["/who-is altman", "/who-is musk"], texts.Order());
        Assert.Equal(2, Host.Bot.Calls);
    }

    [Fact]
    public async Task ReplayedButtonPressOpensOneForm()
    {
        var payload = "payload=" + Uri.EscapeDataString(SlackPayloads.BlockActions("1700000000.000100", Slack.ResponseUrl("report")));

        using var first = await Host.PostSignedAsync("/slack/interactivity", payload);
        using var replay = await Host.PostSignedAsync("/slack/interactivity", payload);
        var sentinelPayload = "payload=" + Uri.EscapeDataString(SlackPayloads.BlockActions("1700000000.000200", Slack.ResponseUrl("report")));
        using var sentinel = await Host.PostSignedAsync("/slack/interactivity", sentinelPayload);

        var opened = new[] { await Slack.NextCallAsync("views.open"), await Slack.NextCallAsync("views.open") };

        Assert.Equal(2, opened.Select(call => call.Str("trigger_id")).Distinct().Count());
        Assert.Equal(2, Slack.Count("views.open"));
    }

    [Fact]
    public async Task MentionOverHttpIsAnsweredInItsThread()
    {
        var body = SlackPayloads.EventCallback("Ev0HTTPMENTION", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> who is musk", ts: "1700000001.000200"));

        using var response = await Host.PostSignedAsync("/slack/events", body, "application/json");
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal("1700000001.000200", post.Str("thread_ts"));
    }

    [Fact]
    public async Task InjectionInASlashCommandArrivesEscaped()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Command("/ask", "<!channel> <@U0VICTIM> <http://evil.example|docs> who pays?"));

        var post = await Slack.NextCallAsync("chat.postMessage");

        var text = PostedBlocks.AllText(post.Body);
        Assert.Contains("&lt;!channel&gt; &lt;@U0VICTIM&gt; &lt;http://evil.example|docs&gt; who pays?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<http", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncodedCommandTextReachesTheBotAsTypedAndGoesBackEscaped()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Command("/ask", "&lt;!here&gt; R&amp;D?"));

        var request = await Host.Bot.NextRequestAsync();
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal("/ask <!here> R&D?", request.Text);
        Assert.Contains("&lt;!here&gt; R&amp;D?", PostedBlocks.AllText(post.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotNotInTheChannelStillAnswersThroughResponseUrl()
    {
        Slack.Script("chat.postMessage", FakeResponse.Error("not_in_channel"));

        using var response = await Host.PostSignedAsync("/slack/commands", Command("/funding", string.Empty, hook: "fallback"));
        var fallback = await Slack.NextCallAsync("response_url");

        Assert.Equal("/hooks/fallback", fallback.Path);
        Assert.Equal("in_channel", fallback.Str("response_type"));
        Assert.Single(PostedBlocks.Quotes(fallback.Body));
    }
}
