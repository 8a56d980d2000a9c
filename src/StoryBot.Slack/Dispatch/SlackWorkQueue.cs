using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Telemetry;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Dispatch;

/// <summary>Slack's request handlers and deliveries, <see cref="SlackOptions.HandlerConcurrency"/> at a time.</summary>
internal sealed class SlackWorkQueue(IOptions<SlackOptions> options, StoryBotTelemetry telemetry, ILogger<SlackWorkQueue> logger)
    : WorkLane("Slack", options.Value.HandlerConcurrency, logger, telemetry, SlackWork.Platform);
