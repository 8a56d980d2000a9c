using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StoryBot.Testing;

namespace StoryBot.Core.Tests.TestSupport;

/// <summary>The real story and the harbour story side by side in a temporary knowledge folder, and the core services on it.</summary>
internal sealed class TwoStories : IDisposable
{
    public const string Stargate = TwoStoryKnowledge.Stargate;
    public const string Harbour = TwoStoryKnowledge.Harbour;

    private readonly TwoStoryKnowledge _knowledge = new();

    /// <summary>The knowledge folder (Knowledge:Path).</summary>
    public string Path => _knowledge.Path;

    public string FolderOf(string story) => _knowledge.FolderOf(story);

    /// <summary>The core services on this folder, with <paramref name="settings"/> besides Knowledge:Path (e.g. the Stories section).</summary>
    public ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Knowledge:Path", Path), new("Knowledge:Reload", "false"), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddStoryCore(configuration);
        return services.BuildServiceProvider();
    }

    public void Dispose() => _knowledge.Dispose();
}
