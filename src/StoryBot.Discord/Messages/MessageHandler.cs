using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Posting;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Messages;

/// <summary>
/// Answers messages that mention the bot, direct messages, and every message in the ask
/// channels, as a reply to the message. Other bots and the bot itself are ignored.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: options (ask channels) and the logger are settings; the four collaborators are the path of a message: who the bot is, the pipeline, sending, recording.</remarks>
internal sealed partial class MessageHandler(
    BotIdentity identity,
    ConversationPipeline pipeline,
    DiscordMessageSender sender,
    AnswerRecording recording,
    IOptionsMonitor<DiscordOptions> options,
    ILogger<MessageHandler> logger)
{
    public async Task HandleAsync(JsonElement message, CancellationToken cancellationToken)
    {
        var author = message.Child("author");
        var authorId = author?.String("id");
        var channelId = message.String("channel_id");
        var messageId = message.String("id");
        var botId = identity.UserId;
        if (authorId is null || channelId is null || messageId is null || author!.Value.Bool("bot") || authorId == botId
            || message.Int("type") is not (0 or 19))
        {
            return;
        }

        var guildId = message.String("guild_id");
        var mentioned = botId is not null && message.Child("mentions") is { ValueKind: JsonValueKind.Array } mentions
            && mentions.EnumerateArray().Any(m => m.String("id") == botId);
        if (guildId is not null && !mentioned && !options.CurrentValue.AskChannelIds.Contains(channelId))
        {
            return;
        }

        var text = StripMention(message.String("content") ?? string.Empty, botId);
        if (text.Length == 0)
        {
            // A bare mention or an empty DM asks what the bot can do; an empty message in an
            // ask channel is an attachment, or content withheld for want of the intent.
            if (guildId is not null && !mentioned)
            {
                return;
            }

            text = "/help";
        }

        // A message carries no proof of rights: moderator commands need the signed interaction.
        // A reply to one of the bot's answers refers to it ("/report" in a reply reports it).
        var request = new ChatRequest(DiscordPlatform.Name, channelId, authorId, text)
        {
            ChannelKind = guildId is null ? ChannelKind.Direct : ChannelKind.Channel,
            ReferencedMessageId = message.Child("referenced_message")?.Child("author")?.String("id") == botId
                ? message.Child("message_reference")?.String("message_id")
                : null,
        };
        var reply = await pipeline.AskAsync(request, mustAnswer: false, cancellationToken);
        if (reply is null)
        {
            logger.LogDebug("Ignored a message from {UserId} over the cooldown", authorId);
            return;
        }

        var replyTo = new MessageReference(messageId, channelId, guildId);
        var posted = await sender.SendAsync(channelId, ReplyRenderer.Render(reply), replyTo, null, cancellationToken);
        await recording.RecordAsync(channelId, posted, request, reply, cancellationToken);
    }

    internal static string StripMention(string content, string? botId)
    {
        var text = botId is null ? content : content.Replace($"<@{botId}>", " ", StringComparison.Ordinal).Replace($"<@!{botId}>", " ", StringComparison.Ordinal);
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}
