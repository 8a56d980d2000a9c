using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Discord.Rest;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

public sealed class RestClientTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private readonly FakeLoggerProvider _logs = new();
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    public void Dispose()
    {
        _signer.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task BucketRetryAfterOf429IsWaitedOutBeforeRetrying()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await StartAsync(time);
        _discord.Script(r => r.Method == "POST", FakeResponse.RateLimited(1.5));

        var send = host.Services.GetRequiredService<DiscordRestClient>().SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "x" }, CancellationToken.None);

        var advanced = await AdvanceUntilAsync(time, () => _discord.Requests.Count(r => r.Method == "POST") >= 2);
        Assert.True(advanced >= TimeSpan.FromSeconds(1.5), $"retried after {advanced}");
        Assert.NotNull((await send)?.String("id"));
    }

    [Fact]
    public async Task Global429HoldsEveryRouteExceptInteractions()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await StartAsync(time);
        var rest = host.Services.GetRequiredService<DiscordRestClient>();
        _discord.Script(r => r.Method == "POST", FakeResponse.RateLimited(2, global: true));

        var send = rest.SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "x" }, CancellationToken.None);
        await _discord.WaitForRequestAsync(r => r.Method == "POST");
        var callback = await rest.SendAsync(HttpMethod.Post, "interactions/1/token/callback", new { type = 1 }, CancellationToken.None);

        var advanced = await AdvanceUntilAsync(time, () => send.IsCompleted);
        Assert.True(advanced >= TimeSpan.FromSeconds(2), $"retried after {advanced}");
        Assert.Null(callback);
    }

    [Fact]
    public async Task OneInteractionsRateLimitNeverHoldsUpAnother()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await StartAsync(time);
        var rest = host.Services.GetRequiredService<DiscordRestClient>();
        _discord.Script(r => r.Path.StartsWith("interactions/1/", StringComparison.Ordinal), new FakeResponse(204, null, new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "1",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = "60.0",
            ["X-RateLimit-Bucket"] = "callback",
        }));
        await rest.SendAsync(HttpMethod.Post, "interactions/1/first-token/callback", new { type = 5 }, CancellationToken.None);

        // Fake time stands still: a shared wait for the first interaction's reset would never end.
        await rest.SendAsync(HttpMethod.Post, "interactions/2/second-token/callback", new { type = 5 }, CancellationToken.None).WaitAsync(FakeDiscord.Patience);

        Assert.Equal(2, _discord.Requests.Count(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A429OnAnInteractionCallbackIsWaitedOutBeforeRetrying()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await StartAsync(time);
        _discord.Script(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), FakeResponse.RateLimited(1.5));

        var send = host.Services.GetRequiredService<DiscordRestClient>().SendAsync(HttpMethod.Post, "interactions/1/token/callback", new { type = 5 }, CancellationToken.None);

        var advanced = await AdvanceUntilAsync(time, () => _discord.Requests.Count(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)) >= 2);
        Assert.True(advanced >= TimeSpan.FromSeconds(1.5), $"retried after {advanced}");
        await send.WaitAsync(FakeDiscord.Patience);
    }

    [Fact]
    public async Task ExhaustedBucketWaitsForItsReset()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await StartAsync(time);
        var rest = host.Services.GetRequiredService<DiscordRestClient>();
        _discord.Script(r => r.Method == "POST", new FakeResponse(200, """{"id": "1"}""", new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = "3.0",
            ["X-RateLimit-Bucket"] = "abcd1234",
        }));
        await rest.SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "x" }, CancellationToken.None);

        var second = rest.SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "y" }, CancellationToken.None);
        var advanced = await AdvanceUntilAsync(time, () => second.IsCompleted);

        Assert.True(advanced >= TimeSpan.FromSeconds(3), $"sent after {advanced}");
    }

    [Fact]
    public async Task ServerErrorsAreRetriedABoundedNumberOfTimes()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 10; i++)
        {
            _discord.Script(r => r.Path == "channels/111/messages", new FakeResponse(502));
        }

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            host.Services.GetRequiredService<DiscordRestClient>().SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "x" }, CancellationToken.None));

        Assert.Contains("4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Equal(4, _discord.Requests.Count(r => r.Path == "channels/111/messages"));
    }

    [Fact]
    public async Task TransientServerErrorIsRetriedUntilItSucceeds()
    {
        await using var host = await StartAsync();
        _discord.Script(r => r.Method == "POST", new FakeResponse(503));
        _discord.Script(r => r.Method == "POST", new FakeResponse(500));

        var created = await host.Services.GetRequiredService<DiscordRestClient>().SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "x" }, CancellationToken.None);

        Assert.NotNull(created?.String("id"));
        Assert.Equal(3, _discord.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task TimeoutsAreRetriedABoundedNumberOfTimes()
    {
        await using var host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, settings: new Dictionary<string, string?>
        {
            ["Discord:RestTimeout"] = "00:00:01",
            ["Discord:MaxRestAttempts"] = "2",
        });
        var rest = host.Services.GetRequiredService<DiscordRestClient>();
        var hung = new FakeResponse(200, """{"id": "1"}""") { Delay = TimeSpan.FromSeconds(30) };
        _discord.Script(r => r.Path == "channels/111/messages", hung);
        _discord.Script(r => r.Path == "channels/111/messages", hung);
        _discord.Script(r => r.Path == "channels/222/messages", hung);

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => rest.SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "x" }, CancellationToken.None));
        var retried = await rest.SendAsync(HttpMethod.Post, "channels/222/messages", new { content = "y" }, CancellationToken.None);

        Assert.Contains("2 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _discord.Requests.Count(r => r.Path == "channels/111/messages"));
        Assert.NotNull(retried?.String("id"));
        Assert.Equal(2, _discord.Requests.Count(r => r.Path == "channels/222/messages"));
    }

    [Fact]
    public async Task Unauthorized401DisablesDiscordAndStopsFurtherCallsWithoutLeakingTheToken()
    {
        await using var host = await StartAsync();
        var rest = host.Services.GetRequiredService<DiscordRestClient>();
        _discord.Script(r => r.Method == "POST", new FakeResponse(401, """{"message": "401: Unauthorized", "code": 0}"""));

        var first = await Assert.ThrowsAsync<DiscordRestException>(() => rest.SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "x" }, CancellationToken.None));
        var second = await Assert.ThrowsAsync<DiscordRestException>(() => rest.SendAsync(HttpMethod.Post, "channels/222/messages", new { content = "y" }, CancellationToken.None));

        Assert.Single(_discord.Requests);
        Assert.True(host.Services.GetRequiredService<DiscordPlatformStatus>().IsDisabled);
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode());
        var logs = _logs.Collector.GetSnapshot();
        Assert.Single(logs, l => l.Level == LogLevel.Error && l.Message.Contains("401", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Message.Contains(FakeDiscord.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(FakeDiscord.Token, first.Message + second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden403IsNotRetriedAndDoesNotDisable()
    {
        await using var host = await StartAsync();
        _discord.Script(r => r.Method == "POST", new FakeResponse(403, """{"message": "Missing Access", "code": 50001}"""));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            host.Services.GetRequiredService<DiscordRestClient>().SendAsync(HttpMethod.Post, "channels/111/messages", new { content = "x" }, CancellationToken.None));

        Assert.Equal(50001, error.DiscordCode);
        Assert.Single(_discord.Requests);
        Assert.False(host.Services.GetRequiredService<DiscordPlatformStatus>().IsDisabled);
    }

    [Fact]
    public async Task ExpiredInteractionTokenIsRedactedAndDoesNotDisable()
    {
        await using var host = await StartAsync();
        _discord.Script(r => r.Method == "PATCH", new FakeResponse(401, """{"message": "Invalid Webhook Token", "code": 50027}"""));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            host.Services.GetRequiredService<DiscordRestClient>().SendAsync(HttpMethod.Patch, "webhooks/775799577604177920/secret-interaction-token/messages/@original", new { content = "x" }, CancellationToken.None));

        Assert.DoesNotContain("secret-interaction-token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Collector.GetSnapshot(), l => l.Message.Contains("secret-interaction-token", StringComparison.Ordinal));
        Assert.Contains("/webhooks/775799577604177920/***/messages/@original", error.Message, StringComparison.Ordinal);
        Assert.False(host.Services.GetRequiredService<DiscordPlatformStatus>().IsDisabled);
    }

    // With fake time racing ahead, a request must not time out while it is really on the wire.
    private Task<BotHost> StartAsync(TimeProvider? time = null) =>
        BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, settings: new Dictionary<string, string?> { ["Discord:RestTimeout"] = "00:05:00" }, services: s =>
        {
            s.AddLogging(b => b.AddProvider(_logs));
            if (time is not null)
            {
                s.AddSingleton(time);
            }
        });

    /// <summary>Moves fake time on in small steps until the condition holds; returns how far it moved.</summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        var step = TimeSpan.FromMilliseconds(100);
        var advanced = TimeSpan.Zero;
        using var patience = new CancellationTokenSource(FakeDiscord.Patience);
        while (!condition())
        {
            patience.Token.ThrowIfCancellationRequested();
            time.Advance(step);
            advanced += step;

            // Let the client react to the moved clock before looking again.
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None);
        }

        return advanced;
    }
}

internal static class DiscordRestExceptionExtensions
{
    public static HttpStatusCode? StatusCode(this DiscordRestException exception) => exception.Status;
}
