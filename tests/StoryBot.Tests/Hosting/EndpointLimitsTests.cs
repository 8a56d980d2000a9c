using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Hosting;
using StoryBot.Testing;

namespace StoryBot.Tests.Hosting;

/// <summary>The web server holds every client to the same small bounds, and operators can change them.</summary>
public sealed class EndpointLimitsTests
{
    [Fact]
    public void TheWebServerBoundsBodiesRatesTimeoutsAndConnections()
    {
        var limits = LimitsOf();

        Assert.Equal(1024 * 1024, limits.MaxRequestBodySize);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.KeepAliveTimeout);
        Assert.Equal(240, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(2_000, limits.MaxConcurrentConnections);
    }

    [Fact]
    public void AnOperatorsKestrelLimitWinsOverOurs()
    {
        var limits = LimitsOf("--Kestrel:Limits:MaxConcurrentConnections=50");

        Assert.Equal(50, limits.MaxConcurrentConnections);
        Assert.Equal(1024 * 1024, limits.MaxRequestBodySize);
    }

    private static KestrelServerLimits LimitsOf(params string[] settings)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Slack:BotToken=xoxb-not-a-real-token",
            "--Slack:SigningSecret=secret",
            .. settings,
        ];
        using var host = StoryBotApp.Build(RunMode.Parse(args));
        return host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
    }
}
