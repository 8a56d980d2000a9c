using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;

namespace StoryBot.Discord.Conversation;

/// <summary>Gateway messages and the work after an interaction's first response, a bounded number at a time.</summary>
internal sealed class DiscordWorkQueue(ILogger<DiscordWorkQueue> logger) : WorkLane("Discord", 32, logger);

/// <summary>
/// Interactions from the Gateway: their first response is due within 3 s, so each starts at once
/// instead of waiting for a slot behind messages whose answers or posts are slow.
/// </summary>
internal sealed class DiscordInteractionQueue(ILogger<DiscordInteractionQueue> logger) : WorkLane("Discord interactions", int.MaxValue, logger);
