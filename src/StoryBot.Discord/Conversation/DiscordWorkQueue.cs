using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Conversation;

/// <summary>Gateway messages and the work after an interaction's first response, <see cref="DiscordOptions.HandlerConcurrency"/> at a time.</summary>
internal sealed class DiscordWorkQueue(IOptions<DiscordOptions> options, StoryBotTelemetry telemetry, ILogger<DiscordWorkQueue> logger)
    : WorkLane("Discord", options.Value.HandlerConcurrency, logger, telemetry, DiscordPlatform.Name);

/// <summary>
/// Interactions from the Gateway: their first response is due within 3 s, so each starts at once
/// instead of waiting for a slot behind messages whose answers or posts are slow.
/// </summary>
internal sealed class DiscordInteractionQueue(StoryBotTelemetry telemetry, ILogger<DiscordInteractionQueue> logger)
    : WorkLane("Discord interactions", int.MaxValue, logger, telemetry, DiscordPlatform.Name);
