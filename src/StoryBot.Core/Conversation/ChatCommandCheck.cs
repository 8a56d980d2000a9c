using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StoryBot.Core.Conversation;

/// <summary>Builds the command registry as the host starts, so two commands of one name stop it at once, not at the first message.</summary>
internal sealed class ChatCommandCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ChatCommands>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
