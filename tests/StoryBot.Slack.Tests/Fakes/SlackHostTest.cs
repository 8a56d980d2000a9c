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

    public async Task InitializeAsync()
    {
        Slack = await FakeSlack.StartAsync();
        var settings = SlackTestHost.Settings(Slack, SocketMode, HttpMode);
        Configure(settings);
        Host = await SlackTestHost.StartAsync(settings, services => ConfigureServices(services, settings), CreateBot(), RealChatBot);
        await StartedAsync();
    }

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
