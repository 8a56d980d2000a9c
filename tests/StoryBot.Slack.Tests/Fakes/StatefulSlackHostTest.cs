using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.State;

namespace StoryBot.Slack.Tests.Fakes;

/// <summary>
/// The Slack host with the real chat bot and durable state in a SQLite file of its own, removed
/// afterwards. Subclasses add settings and services on top.
/// </summary>
public abstract class StatefulSlackHostTest : SlackHostTest
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"storybot-slack-{Guid.NewGuid():N}.db");

    protected override bool RealChatBot => true;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    private protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Storage:Provider"] = "sqlite";
        settings["Storage:ConnectionString"] = $"Data Source={_database}";
    }

    /// <summary>Adds durable state; subclasses add their features to <paramref name="configuration"/> in <see cref="ConfigureFeatures"/>.</summary>
    private protected sealed override void ConfigureServices(IServiceCollection services, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddStoryState(configuration);
        ConfigureFeatures(services, configuration);
    }

    private protected virtual void ConfigureFeatures(IServiceCollection services, IConfiguration configuration)
    {
    }
}
