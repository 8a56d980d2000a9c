using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Hosting;
using StoryBot.Testing;
using StoryBot.Testing.Discord;
using StoryBot.Testing.Slack;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Conversation;

/// <summary>
/// The behaviours the conversation pipeline owns, run through the real host with both adapters
/// against loopback fakes of Discord and Slack: each is written once, so each reads the same on both.
/// </summary>
public sealed class SharedBehaviourOnBothPlatformsTests : IAsyncLifetime, IDisposable
{
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private readonly Ed25519Signer _signer = new();
    private readonly HttpClient _http = new();
    private readonly string _state = Directory.CreateTempSubdirectory("storybot-both-").FullName;
    private FakeDiscord _discord = null!;
    private FakeSlack _slack = null!;
    private IHost _host = null!;
    private string _baseUrl = string.Empty;

    public enum Platform
    {
        Discord,
        Slack,
    }

    /// <summary>What is asked, in order, and the start of what the last request must get back, the same on both platforms.</summary>
    public static TheoryData<Platform, string[], string> Behaviours()
    {
        var table = new TheoryData<Platform, string[], string>();
        foreach (var platform in Enum.GetValues<Platform>())
        {
            table.Add(platform, ["/ask who is Sam Altman?", "/ask who is Sam Altman?"], "You are asking faster than I can answer");
            table.Add(platform, ["/ask wer ist Sam Altman?", "/ask wie viel Geld hat SoftBank?"], "Sie fragen schneller, als ich antworten kann");
            table.Add(platform, ["/explode now"], "Sorry, something went wrong while answering that");
        }

        return table;
    }

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _slack = await FakeSlack.StartAsync();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Health:Urls={StoryBotProcess.AnyFreePort}",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Knowledge:Reload=false",
            "--Answering:Mode=Lexical",
            $"--Storage:ConnectionString=Data Source={Path.Combine(_state, "storybot.db")}",
            "--Cooldown:MaxQuestions=1",
            "--Cooldown:Window=00:10:00",
            $"--Discord:Token={FakeDiscord.Token}",
            $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
            $"--Discord:PublicKey={_signer.PublicKeyHex}",
            $"--Discord:ApiBaseUrl={_discord.ApiBaseUrl}",
            $"--Discord:StateDirectory={_state}",
            "--Discord:RegisterCommands=false",
            "--Slack:BotToken=xoxb-not-a-real-token",
            $"--Slack:SigningSecret={SigningSecret}",
            $"--Slack:ApiBaseUrl={_slack.ApiBaseUrl}",
        ];
        _host = StoryBotApp.Build(RunMode.Parse(args), services =>
        {
            services.AddSingleton<IChatCommand, ExplodingCommand>();

            // Interactions arrive over HTTP here; the Gateway is another test's business.
            foreach (var gateway in services.Where(d => d.ImplementationType?.Name == "DiscordGatewayService").ToList())
            {
                services.Remove(gateway);
            }
        });
        await _host.StartAsync();
        _baseUrl = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    [Theory]
    [MemberData(nameof(Behaviours))]
    public async Task ThePipelinesRepliesReadTheSameOnBothPlatforms(Platform platform, string[] commandLines, string expectedStart)
    {
        var replies = new List<string>();
        foreach (var commandLine in commandLines)
        {
            replies.Add(platform == Platform.Discord ? await AskOnDiscordAsync(commandLine) : await AskOnSlackAsync(commandLine));
        }

        var last = replies[^1];
        Assert.Contains(expectedStart, last, StringComparison.Ordinal);
        Assert.DoesNotContain("boom", last, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", last, StringComparison.Ordinal);

        // Only the asker sees it, on either platform.
        Assert.Contains(platform == Platform.Discord ? "\"flags\":64" : "\"response_type\":\"ephemeral\"", last, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _slack.DisposeAsync();
        await _discord.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void Dispose()
    {
        _signer.Dispose();
        _http.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    /// <summary>A slash command interaction over HTTP; the reply is the first response's message.</summary>
    private async Task<string> AskOnDiscordAsync(string commandLine)
    {
        var (name, argument) = Split(commandLine);
        var options = argument.Length == 0 ? "[]" : $"[{Payloads.StringOption(name == "ask" ? "question" : "text", argument)}]";
        var body = Payloads.SlashCommand(name, options, id: Guid.NewGuid().ToString("N"));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, _baseUrl + "/discord/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", _signer.Sign(timestamp, body));
        using var response = await _http.SendAsync(request);
        return System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync()).Replace("\\", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>A slash command over HTTP; a private reply rides in the acknowledgement.</summary>
    private async Task<string> AskOnSlackAsync(string commandLine)
    {
        var (name, argument) = Split(commandLine);
        var body = SlackPayloads.SlashCommandForm("/" + name, argument, _slack.ResponseUrl("hook"));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, _baseUrl + "/slack/commands")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", SlackSigner.Sign(SigningSecret, timestamp, body));
        using var response = await _http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static (string Name, string Argument) Split(string commandLine)
    {
        var space = commandLine.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (commandLine[1..], string.Empty) : (commandLine[1..space], commandLine[(space + 1)..]);
    }

    /// <summary>A command whose every run fails, as a bug or a lost database would make it.</summary>
    private sealed class ExplodingCommand : IChatCommand
    {
        public string Name => "explode";

        public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom: connection string Password=hunter2");
    }
}
