using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoryBot.Hosting;
using StoryBot.Hosting.Health;
using StoryBot.Testing;

namespace StoryBot.Tests.TestSupport;

/// <summary>
/// The bot's host as Program builds it, with its state in a folder of its own, and a client that
/// asks its health listener what an orchestrator's probe would ask.
/// </summary>
internal sealed class ProbedBot : IAsyncDisposable
{
    // Safety net for a state that never comes, not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new();
    private bool _started;

    private ProbedBot(IHost host, string folder)
    {
        Host = host;
        Folder = folder;
    }

    public IHost Host { get; }

    /// <summary>The bot's own folder (its state database lives here), deleted after the test.</summary>
    public string Folder { get; }

    public HealthListener Listener => Host.Services.GetRequiredService<HealthListener>();

    /// <summary>Builds the host without starting anything, as Program does before it loads the pack.</summary>
    public static ProbedBot Build(IEnumerable<string> settings, Action<IServiceCollection>? overrides = null)
    {
        var folder = Directory.CreateTempSubdirectory("storybot-health-").FullName;
        string[] args =
        [
            $"--Health:Urls={StoryBotProcess.AnyFreePort}",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Knowledge:Reload=false",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "state.db")}",
            $"--Discord:StateDirectory={folder}",
            .. settings,
        ];
        return new ProbedBot(StoryBotApp.Build(RunMode.Parse(args), overrides), folder);
    }

    public static async Task<ProbedBot> StartAsync(IEnumerable<string> settings, Action<IServiceCollection>? overrides = null)
    {
        var bot = Build(settings, overrides);
        try
        {
            await bot.StartAsync();
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    public async Task StartAsync()
    {
        await Host.StartAsync();
        _started = true;
    }

    public async Task<Probe> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(new Uri(Listener.Addresses[0]), path));
        return new Probe(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Asks until <paramref name="until"/> holds, as a probe asks again: what the checks read is
    /// changed by other threads (a frame read, a socket closed, a background check).
    /// </summary>
    public async Task<Probe> UntilAsync(string path, Func<Probe, bool> until)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            var probe = await GetAsync(path);
            if (until(probe) || TimeProvider.System.GetUtcNow() > deadline)
            {
                return probe;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_started)
        {
            await Host.StopAsync();
        }

        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            Host.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>One probe's answer: the status code and the JSON body.</summary>
internal sealed record Probe(HttpStatusCode Status, string Body)
{
    public string Overall => Json.GetProperty("status").GetString()!;

    public IReadOnlyList<string> CheckNames => [.. Checks.Select(c => c.GetProperty("name").GetString()!)];

    private JsonElement Json => JsonDocument.Parse(Body).RootElement;

    private IEnumerable<JsonElement> Checks => Json.GetProperty("checks").EnumerateArray();

    public string StatusOf(string check) => Check(check).GetProperty("status").GetString()!;

    public string DescriptionOf(string check) => Check(check).GetProperty("description").GetString()!;

    /// <summary>The check has the status, whatever the others have.</summary>
    public bool Says(string check, string status) => CheckNames.Contains(check) && StatusOf(check) == status;

    private JsonElement Check(string name) => Checks.Single(c => c.GetProperty("name").GetString() == name);

    public override string ToString() => $"{(int)Status} {Body}";
}
