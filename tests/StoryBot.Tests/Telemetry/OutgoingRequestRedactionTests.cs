using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using StoryBot.Hosting;
using StoryBot.Telemetry;
using StoryBot.Testing;
using StoryBot.Testing.Telemetry;

namespace StoryBot.Tests.Telemetry;

/// <summary>Outgoing HTTP requests as traces show them: never an interaction token or a response_url's secret.</summary>
public sealed class OutgoingRequestRedactionTests
{
    [Theory]
    [InlineData("https://discord.com/api/v10/webhooks/1234567890123456789/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ/messages/@original?wait=true",
        "https://discord.com/api/v10/webhooks/{id}/{id}/messages/@original")]
    [InlineData("https://discord.com/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb24/callback?with_response=true",
        "https://discord.com/api/v10/interactions/{id}/{id}/callback")]
    [InlineData("https://hooks.slack.com/commands/T0001/1234567890/AbCdEfGhIjKlMnOpQrStUvWx", "https://hooks.slack.com/commands/{id}/{id}/{id}")]
    [InlineData("https://hooks.slack.com/commands/T0001/1234567890/AbCdEfGhIjKlMnOpQrStUvWxYz", "https://hooks.slack.com/commands/{id}/{id}/{id}")]
    [InlineData("https://slack.com/api/chat.postMessage", "https://slack.com/api/chat.postMessage")]
    [InlineData("https://slack.com/api/conversations.history", "https://slack.com/api/conversations.history")]
    [InlineData("http://127.0.0.1:4318/v1/traces", "http://127.0.0.1:4318/v1/traces")]
    public void OnlyPlainWordsOfAPathAreKept(string url, string shown) =>
        Assert.Equal(shown, RedactedUrl.Of(new Uri(url)));

    [Fact]
    public async Task AnHttpClientSpanShowsTheRedactedAddressOnceOtlpIsOn()
    {
        using var host = StoryBotApp.Build(RunMode.Parse(["ask", "--json", $"--Knowledge:Path={RepositoryFiles.Knowledge}", "--Answering:Mode=Lexical", "--Telemetry:OtlpEndpoint=http://127.0.0.1:9"]));
        _ = host.Services.GetRequiredService<TracerProvider>();
        using var trace = new TraceCollector();
        using var http = new HttpClient();

        // Nothing listens on the discard port: the request fails, its span ends all the same.
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://127.0.0.1:9/api/v10/webhooks/123456789012345678/c2VjcmV0LXRva2Vu/messages/@original"));

        var request = Assert.Single(trace.Spans, s => s.Source.Name == "System.Net.Http");
        Assert.Equal("http://127.0.0.1:9/api/v10/webhooks/{id}/{id}/messages/@original", request.GetTagItem("url.full"));
        Assert.DoesNotContain(request.TagObjects, tag => tag.Value?.ToString()?.Contains("c2VjcmV0", StringComparison.Ordinal) == true);
    }
}
