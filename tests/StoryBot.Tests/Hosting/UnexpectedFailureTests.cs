using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoryBot.Hosting;
using StoryBot.Testing;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>An endpoint that fails unexpectedly answers a bare 500, even where ASP.NET Core would show the developer page.</summary>
public sealed class UnexpectedFailureTests
{
    [Fact]
    public async Task AnEndpointThatThrowsAnswersABare500WithoutDetails()
    {
        var clock = new FailingClock();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Health:Urls={StoryBotProcess.AnyFreePort}",
            "--environment=Development",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Knowledge:Reload=false",
            "--Slack:BotToken=xoxb-not-a-real-token",
            "--Slack:SigningSecret=secret",
        ];
        using var host = StoryBotApp.Build(RunMode.Parse(args), services => services.AddSingleton<TimeProvider>(clock));
        await host.StartAsync();
        try
        {
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, address + "/slack/commands") { Content = new StringContent("text=hi", Encoding.UTF8, "application/x-www-form-urlencoded") };
            request.Headers.Add("X-Slack-Request-Timestamp", "1700000000");
            request.Headers.Add("X-Slack-Signature", "v0=" + new string('0', 64));

            // Checking the timestamp reads the clock, which now fails like a bug would.
            clock.Fail = true;
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("Internal error", body);
        }
        finally
        {
            clock.Fail = false;
            await host.StopAsync();
        }
    }

    private sealed class FailingClock : TimeProvider
    {
        public volatile bool Fail;

        public override DateTimeOffset GetUtcNow() =>
            Fail ? throw new InvalidOperationException("clock broken: secret detail") : base.GetUtcNow();
    }
}
