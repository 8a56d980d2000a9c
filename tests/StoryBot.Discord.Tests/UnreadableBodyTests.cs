using System.Net;
using Moq;
using StoryBot.Core.Conversation;

namespace StoryBot.Discord.Tests;

/// <summary>A correctly signed body the bot cannot read is a short 400: nothing runs, no stack trace.</summary>
public sealed class UnreadableBodyTests(InteractionEndpointTests.SignatureFixture fixture) : IClassFixture<InteractionEndpointTests.SignatureFixture>
{
    public static TheoryData<string> Bodies => new()
    {
        // An escaped lone surrogate parses as JSON but cannot become a .NET string.
        """{"id": "1", "type": 2, "application_id": "775799577604177920", "token": "t", "version": 1, "data": {"name": "ask", "options": [{"name": "question", "type": 3, "value": "who \ud800 is"}]}}""",
        new string('[', 500) + new string(']', 500),
        """{"id": "1", "type": 2, "token": """,
        "not json at all",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ASignedBodyThatCannotBeReadIsA400AndNothingRuns(string body)
    {
        using var response = await fixture.Host.PostInteractionAsync(body, fixture.Signer);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        fixture.Bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}

/// <summary>Unsigned or stale interactions are refused on their headers, before the body is read.</summary>
public sealed class UnsignedInteractionTests(InteractionEndpointTests.SignatureFixture fixture) : IClassFixture<InteractionEndpointTests.SignatureFixture>
{
    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, -3600)]
    public async Task IsRefusedWithoutWaitingForItsBody(bool withHeaders, int ageSeconds)
    {
        var headers = withHeaders
            ? new Dictionary<string, string>
            {
                ["X-Signature-Timestamp"] = (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + ageSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["X-Signature-Ed25519"] = new string('0', 128),
            }
            : null;

        var status = await StoryBot.Testing.UnfinishedRequest.StatusLineAsync(new Uri(fixture.Host.BaseUrl), "/discord/interactions", headers);

        Assert.StartsWith("HTTP/1.1 401", status, StringComparison.Ordinal);
        fixture.Bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
