using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core;
using StoryBot.State;

namespace StoryBot.Discord.Tests.Fakes;

/// <summary>
/// The Discord adapter with the real chat bot, the repository's pack and SQLite state in a
/// folder of its own, talking to a <see cref="FakeDiscord"/>. Disposing removes the folder.
/// </summary>
public sealed class StatefulBot : IAsyncDisposable
{
    private readonly string _state;
    private readonly Func<Task<BotHost>> _startHost;

    private StatefulBot(string state, FakeDiscord discord, BotHost host, Ed25519Signer signer, Func<Task<BotHost>> startHost)
    {
        _state = state;
        Discord = discord;
        Host = host;
        Signer = signer;
        _startHost = startHost;
    }

    public FakeDiscord Discord { get; }

    public BotHost Host { get; private set; }

    public Ed25519Signer Signer { get; }

    /// <param name="extra">More settings, and more services wired from the whole configuration.</param>
    public static async Task<StatefulBot> StartAsync(
        bool runGateway,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection, IConfiguration>? extra = null)
    {
        var state = Directory.CreateTempSubdirectory("storybot-discord-state-").FullName;
        var signer = new Ed25519Signer();
        var discord = await FakeDiscord.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = RepositoryFiles.Knowledge,
            ["Knowledge:Reload"] = "false",
            ["Storage:Provider"] = "sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(state, "storybot.db")}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        Task<BotHost> StartHost() => BotHost.StartAsync(discord, signer, bot: null, runGateway: runGateway, settings: all, stateDirectory: state, services: services =>
        {
            services.AddStoryCore(configuration);
            services.AddStoryState(configuration);
            extra?.Invoke(services, configuration);
        });
        return new StatefulBot(state, discord, await StartHost(), signer, StartHost);
    }

    /// <summary>Stops the host and starts a new one on the same state and the same Discord: nothing in memory survives.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await _startHost();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Discord.DisposeAsync();
        Signer.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }
}
