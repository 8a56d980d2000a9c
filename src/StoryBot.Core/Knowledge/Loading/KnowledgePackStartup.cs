using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Makes the host load the pack when it starts (constructing the provider loads it, so an invalid pack
/// fails the start with every error in the exception's message) and, when Knowledge:Reload is on,
/// watches the pack folder until the host stops.
/// </summary>
internal sealed class KnowledgePackStartup(KnowledgePackProvider provider, IOptions<KnowledgeOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Reload)
        {
            provider.StartWatching();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        provider.StopWatching();
        return Task.CompletedTask;
    }
}
