using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core;
using StoryBot.Discord.Commands;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// With a bot token: registers the commands when they changed, then keeps every shard this process
/// runs connected to the Gateway.
/// Failures here are logged and end only Discord, never the host: it finishes early without a
/// token, and when the Gateway stops for good (which <see cref="GatewayReadiness"/> reports).
/// </summary>
internal sealed class DiscordGatewayService(
    CommandRegistrar registrar,
    GatewayShards gateway,
    IOptions<DiscordOptions> options,
    ILogger<DiscordGatewayService> logger) : BackgroundService, IFinishingWorker
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.HasToken)
        {
            return;
        }

        if (settings.RegisterCommands)
        {
            try
            {
                await registrar.RegisterIfChangedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is DiscordRestException or IOException or UnauthorizedAccessException)
            {
                logger.LogError("Registering the Discord commands failed: {Error}", ex.Message);
            }
        }

        await gateway.RunAsync(stoppingToken);
    }
}
