using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Conversation;

namespace StoryBot.Slack.Tests.Fakes;

/// <summary>
/// A test class with the Slack adapter's services (no host) on a fake clock, talking to its own
/// fake Slack: for the parts that are tested without a request coming in.
/// </summary>
public abstract class SlackServicesTest : IAsyncLifetime, IDisposable
{
    private ServiceProvider _services = null!;

    private protected FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private protected LogCapture Logs { get; } = new(LogLevel.Trace);

    private protected FakeSlack Slack { get; private set; } = null!;

    private protected IServiceProvider Services => _services;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlack.StartAsync(Time);
        var settings = SlackTestHost.Settings(Slack, socketMode: true, httpMode: false);
        settings["Slack:ChannelPostInterval"] = "00:00:01";
        settings["Slack:MaxRetries"] = "2";
        Configure(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton(Mock.Of<IChatBot>());
        services.AddSlack(configuration);
        _services = services.BuildServiceProvider();
        Started();
    }

    private protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    private protected virtual void Started()
    {
    }

    public void Dispose()
    {
        Logs.Dispose();
        GC.SuppressFinalize(this);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
