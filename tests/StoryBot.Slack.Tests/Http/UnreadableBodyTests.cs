using System.Net;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Http;

/// <summary>A correctly signed body the bot cannot read is a short 400: nothing runs, no stack trace.</summary>
public sealed class UnreadableBodyTests : SlackHostTest
{
    public static TheoryData<string, string> Bodies => new()
    {
        // An escaped lone surrogate parses as JSON but cannot become a .NET string.
        { "/slack/events", SlackPayloads.EventCallback("Ev0SURROGATE", SlackPayloads.DirectMessage("who is altman")).Replace("who is altman", "who \\ud800 is", StringComparison.Ordinal) },
        { "/slack/events", new string('[', 500) + new string(']', 500) },
        { "/slack/events", "{\"type\": \"event_callback\", \"event\": " },
        { "/slack/interactivity", "payload=" + Uri.EscapeDataString("{\"type\": \"block_actions\", \"user\": {\"id\": \"U1\\udc00\"}}") },
        { "/slack/interactivity", "payload=" + Uri.EscapeDataString(new string('{', 200)) },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ASignedBodyThatCannotBeReadIsA400AndNothingRuns(string path, string body)
    {
        using var response = await Host.PostSignedAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(0, Host.Bot.Calls);
    }
}

/// <summary>Unsigned or stale requests are refused on their headers, before the body is read.</summary>
public sealed class UnsignedRequestTests : SlackHostTest
{
    [Theory]
    [InlineData("/slack/commands", false, 0)]
    [InlineData("/slack/events", false, 0)]
    [InlineData("/slack/events", true, -3600)]
    public async Task IsRefusedWithoutWaitingForItsBody(string path, bool withHeaders, int ageSeconds)
    {
        var headers = withHeaders
            ? new Dictionary<string, string>
            {
                ["X-Slack-Request-Timestamp"] = (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + ageSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["X-Slack-Signature"] = "v0=" + new string('0', 64),
            }
            : null;

        var status = await StoryBot.Testing.UnfinishedRequest.StatusLineAsync(Host.BaseUrl, path, headers);

        Assert.StartsWith("HTTP/1.1 401", status, StringComparison.Ordinal);
        Assert.Equal(0, Host.Bot.Calls);
    }
}
