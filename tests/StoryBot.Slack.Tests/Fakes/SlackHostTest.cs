namespace StoryBot.Slack.Tests.Fakes;

/// <summary>
/// A test class with its own fake Slack and StoryBot's Slack adapter in a host, started before
/// each test and stopped after it. Subclasses choose the mode and adjust settings.
/// </summary>
public abstract class SlackHostTest : IAsyncLifetime
{
    internal FakeSlack Slack { get; private set; } = null!;

    internal SlackTestHost Host { get; private set; } = null!;

    protected virtual bool SocketMode => false;

    protected virtual bool HttpMode => true;

    protected virtual bool RealChatBot => false;

    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlack.StartAsync();
        _settings = SlackTestHost.Settings(Slack, SocketMode, HttpMode);
        Configure(_settings);
        Host = await StartHostAsync();
        await StartedAsync();
    }

    /// <summary>Stops the host and starts a new one with the same settings on the same fake Slack: nothing in memory survives.</summary>
    private protected async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await StartHostAsync();
    }

    private Task<SlackTestHost> StartHostAsync() => SlackTestHost.StartAsync(_settings, services => ConfigureServices(services, _settings), CreateBot(), RealChatBot);

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
    }

    private protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    private protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Dictionary<string, string?> settings)
    {
    }

    private protected virtual ScriptedChatBot? CreateBot() => null;

    private protected virtual Task StartedAsync() => Task.CompletedTask;
}
