using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Conversation;

/// <summary>Gateway messages and the work after an interaction's first response, <see cref="DiscordOptions.HandlerConcurrency"/> at a time.</summary>
internal sealed class DiscordWorkQueue(IOptions<DiscordOptions> options, ILogger<DiscordWorkQueue> logger)
    : WorkLane("Discord", options.Value.HandlerConcurrency, logger);

/// <summary>
/// Interactions from the Gateway: their first response is due within 3 s, so each starts at once
/// instead of waiting for a slot behind messages whose answers or posts are slow.
/// </summary>
internal sealed class DiscordInteractionQueue(ILogger<DiscordInteractionQueue> logger) : WorkLane("Discord interactions", int.MaxValue, logger);
