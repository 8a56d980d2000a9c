using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StoryBot.Testing.Slack;

namespace StoryBot.Tests.TestSupport;

/// <summary>The real bot process serving Slack over HTTP on a loopback port, and signed requests for it.</summary>
internal static class SlackOverHttp
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    /// <summary>Starts the bot against <paramref name="slack"/> and waits until its web server answers.</summary>
    public static Task<RunningBot> StartAsync(int port, string database, FakeSlack slack) =>
        StartAsync(port, slack, new Dictionary<string, string> { ["Storage__ConnectionString"] = $"Data Source={database}" });

    /// <summary>As <see cref="StartAsync(int, string, FakeSlack)"/>, with the <c>Storage</c> settings given.</summary>
    public static async Task<RunningBot> StartAsync(int port, FakeSlack slack, IReadOnlyDictionary<string, string> storage)
    {
        var environment = new Dictionary<string, string>(storage)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Slack__BotToken"] = "xoxb-crash-test",
            ["Slack__SigningSecret"] = SigningSecret,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),

            // Any free port: the default one may be taken by another bot on this machine.
            ["Health__Urls"] = "http://127.0.0.1:0",
        };
        var bot = StoryBotProcess.Start(environment);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.False(bot.HasExited, bot.Output);
            try
            {
                using var response = await http.GetAsync("/", timeout.Token);
                return bot;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    /// <summary>A slash command form body signed now, as Slack signs it.</summary>
    public static HttpRequestMessage Signed(string form)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", SlackSigner.Sign(SigningSecret, timestamp, form));
        return request;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
