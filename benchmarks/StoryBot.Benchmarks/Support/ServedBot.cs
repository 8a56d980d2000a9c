using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using StoryBot.Benchmarks.Slack;

namespace StoryBot.Benchmarks.Support;

/// <summary>
/// What the benchmarks that GET pages of a running bot share: the bot on Slack's HTTP endpoints
/// against a fake Slack Web API, a plain Kestrel endpoint answering fixed bytes beside it (the
/// baseline: the HTTP round trip alone), one client for both, and a data directory of its own,
/// all taken down together.
/// </summary>
internal sealed class ServedBot : IDisposable
{
    private ServedBot(HttpClient http, FakeSlackWebApi slack, LoopbackApi plain, string dataDirectory)
    {
        Http = http;
        Slack = slack;
        Plain = plain;
        DataDirectory = dataDirectory;
    }

    public HttpClient Http { get; }

    public FakeSlackWebApi Slack { get; }

    public LoopbackApi Plain { get; }

    public string DataDirectory { get; }

    /// <summary>The bot once <see cref="StartAsync"/> has started it.</summary>
    public IHost? Bot { get; private set; }

    /// <summary>The plain endpoint's one page.</summary>
    public Uri PlainPage => new(Plain.Address + "/ok");

    /// <summary>Starts the fakes; the bot is built by the caller from <see cref="SlackArgs"/> and started with <see cref="StartAsync"/>.</summary>
    /// <param name="plainPage">The baseline's body, shaped like the pages measured so the client does the same work.</param>
    public static async Task<ServedBot> StartFakesAsync(HttpClient http, string name, string plainPage, string contentType)
    {
        var slack = await FakeSlackWebApi.StartAsync();
        var plain = await LoopbackApi.StartAsync(app => app.MapGet("/ok", () => Results.Text(plainPage, contentType)));
        return new ServedBot(http, slack, plain, Directory.CreateTempSubdirectory($"storybot-{name}-").FullName);
    }

    /// <summary>The settings every such bot takes: the story, its data directory and Slack over HTTP against the fake.</summary>
    public string[] SlackArgs(string botToken) =>
    [
        $"--Knowledge:Path={RepositoryPack.KnowledgePath()}",
        $"--Storage:DataDirectory={DataDirectory}",
        $"--Slack:BotToken={botToken}",
        $"--Slack:SigningSecret={SlackLoad.Secret}",
        $"--Slack:ApiBaseUrl={Slack.ApiBaseUrl}",
        "--Logging:LogLevel:Default=Warning",
    ];

    public async Task StartAsync(IHost bot)
    {
        Bot = bot;
        await bot.StartAsync();
    }

    public Task<int> GetAsync(Uri uri) => LoopbackGet.BodyLengthAsync(Http, uri);

    public void Dispose()
    {
        Bot?.StopAsync().GetAwaiter().GetResult();
        Bot?.Dispose();
        Plain.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Slack.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Http.Dispose();

        // The SQLite state file is held by pooled connections until they are let go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
