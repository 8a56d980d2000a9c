using Xunit.Abstractions;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StoryBot.Testing.Slack;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// The real bot process under 300 connections that announce a 1 MB body with no valid signature and
/// never finish it: what they cost the bot in memory, and whether a signed command still gets
/// through. A third send no signature, a third a stale one (both refused before the body is read),
/// and a third a fresh timestamp with a made-up signature, which can only be refused once the body
/// has been read.
/// </summary>
public sealed class SlowConnectionsTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int Connections = 300;
    private const int AnnouncedBody = 1024 * 1024;
    private const int SentPerConnection = AnnouncedBody - 1024;
    private const long MaxGrowth = 50L * 1024 * 1024;

    private readonly StateFile _state = new();
    private FakeSlack _slack = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _port = SlackOverHttp.FreePort();
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    public void Dispose() => _state.Dispose();

    [Fact]
    public async Task ThreeHundredSlowUnsignedUploadsCostUnder50MbAndSignedCommandsStillGetThrough()
    {
        using var bot = await SlackOverHttp.StartAsync(_port, _state.Path, _slack);
        // Generous for the warm-up, which loads the sentence model; the command measured below has 3 s.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(60) };

        // Warm up what a command touches, the sentence model included (a free question needs it), and
        // wait for the answers: the figure below is then the connections' cost alone.
        for (var i = 0; i < 5; i++)
        {
            using var warm = await http.SendAsync(SlackOverHttp.Signed(Command("warm" + i)));
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using (var free = await http.SendAsync(SlackOverHttp.Signed(SlackPayloads.SlashCommandForm("/ask", "who pays for stargate?", _slack.ResponseUrl("warm-ask"), user: "U0WARMASK"))))
        {
            Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        }

        await WaitUntilAsync(bot, () => _slack.Count("chat.postMessage") + _slack.Count("response_url") >= 6);
        var before = await SettledResidentBytesAsync(bot);
        var threadsBefore = bot.Threads();
        var clients = new List<TcpClient>();
        try
        {
            for (var i = 0; i < Connections; i++)
            {
                clients.Add(await OpenSlowUploadAsync((Signature)(i % 3)));
            }

            var stopwatch = Stopwatch.StartNew();
            using var signed = await http.SendAsync(SlackOverHttp.Signed(Command("during")));
            var acknowledgedIn = stopwatch.Elapsed;
            var growth = bot.ResidentBytes() - before;
            output.WriteLine($"resident before {before / (1024 * 1024)} MB, growth {growth / (1024 * 1024)} MB, signed command acknowledged in {acknowledgedIn.TotalMilliseconds:F0} ms, threads {threadsBefore} -> {bot.Threads()}");

            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            Assert.True(acknowledgedIn < TimeSpan.FromSeconds(3), $"a signed command took {acknowledgedIn} to be acknowledged");
            Assert.True(growth < MaxGrowth, $"300 slow uploads grew the bot by {growth / (1024 * 1024)} MB");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task WaitUntilAsync(RunningBot bot, Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!done())
        {
            Assert.False(bot.HasExited, bot.Output);
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>The resident memory once it has stopped moving (two readings a quarter second apart within 1 MB).</summary>
    private static async Task<long> SettledResidentBytesAsync(RunningBot bot)
    {
        var last = bot.ResidentBytes();
        for (var reading = 0; reading < 40; reading++)
        {
            await Task.Delay(250);
            var now = bot.ResidentBytes();
            if (Math.Abs(now - last) < 1024 * 1024)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    private string Command(string hook) => SlackPayloads.SlashCommandForm("/who-is", "altman", _slack.ResponseUrl(hook));

    private enum Signature
    {
        None,
        Stale,
        MadeUp,
    }

    /// <summary>
    /// A connection that announces a 1 MB form body, sends all of it but the last kilobyte and stops
    /// there, as a slow or hostile client does.
    /// </summary>
    private async Task<TcpClient> OpenSlowUploadAsync(Signature signature)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        var headers = new StringBuilder()
            .Append("POST /slack/commands HTTP/1.1\r\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"Host: 127.0.0.1:{_port}\r\n")
            .Append("Content-Type: application/x-www-form-urlencoded\r\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Length: {AnnouncedBody}\r\n");
        if (signature != Signature.None)
        {
            var signedAt = DateTimeOffset.UtcNow.AddMinutes(signature == Signature.Stale ? -10 : 0).ToUnixTimeSeconds();
            headers.Append(System.Globalization.CultureInfo.InvariantCulture, $"X-Slack-Request-Timestamp: {signedAt}\r\n")
                .Append("X-Slack-Signature: v0=").Append('a', 64).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers.Append("\r\n").ToString()));
        try
        {
            await stream.WriteAsync(new byte[SentPerConnection]);
        }
        catch (IOException)
        {
            // The bot refused the request and closed the connection: that is the point.
        }

        return client;
    }
}
