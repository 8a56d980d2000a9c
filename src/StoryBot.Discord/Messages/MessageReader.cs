using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Messages;

/// <summary>
/// Reads a MESSAGE_CREATE: whether it is for the bot, and which conversation it belongs to.
/// Mentions, direct messages and messages in ask channels are for the bot; with
/// <see cref="DiscordOptions.FollowUpsWithoutMention"/>, so are replies to its answers and every
/// message in a thread started from one. Other bots and the bot itself are ignored.
/// </summary>
/// <remarks>
/// A reply to the bot's message names its author, so it is known after a restart; a thread started
/// from an answer is known while <see cref="AnsweredMessages"/> keeps the answer and, with a state
/// store, by the recorded answers after that (once per channel: it is kept which channels are not).
/// </remarks>
internal sealed partial class MessageReader(BotIdentity identity, AnsweredMessages answered, IOptionsMonitor<DiscordOptions> options, ILogger<MessageReader> logger)
{
    private int _hinted;

    /// <summary>
    /// The message of a MESSAGE_CREATE when the bot answers it; null when it is not for the bot.
    /// The payload is read before this returns; only whether its channel is a thread started from
    /// one of the bot's answers may be looked up after (<see cref="AnsweredMessages.IsAnswerAsync"/>),
    /// and only for a server message the bot could answer.
    /// </summary>
    public ValueTask<IncomingMessage?> ReadAsync(JsonElement message, CancellationToken cancellationToken)
    {
        var author = message.Child("author");
        var authorId = author?.String("id");
        var channelId = message.String("channel_id");
        var messageId = message.String("id");
        var botId = identity.UserId;
        if (authorId is null || channelId is null || messageId is null || author!.Value.Bool("bot") || authorId == botId
            || message.Int("type") is not (0 or 19))
        {
            return ValueTask.FromResult<IncomingMessage?>(null);
        }

        var guildId = message.String("guild_id");
        var mentioned = botId is not null && message.Child("mentions") is { ValueKind: JsonValueKind.Array } mentions
            && mentions.EnumerateArray().Any(m => m.String("id") == botId);

        // A reply refers to the message it answers; one to the bot's own carries its author.
        var repliesTo = botId is not null && message.Child("referenced_message")?.Child("author")?.String("id") == botId
            ? message.Child("message_reference")?.String("message_id")
            : null;
        var read = new ReadMessage(authorId, channelId, messageId, guildId, mentioned, repliesTo, StripMention(message.String("content") ?? string.Empty, botId));
        if (guildId is null)
        {
            return ValueTask.FromResult(ForBot(read, inAnswerThread: false));
        }

        // A thread started from a message has that message's id: its messages carry it as their
        // channel. Asked only where the answer hangs on it: a message the bot may answer.
        var settings = options.CurrentValue;
        if (!(mentioned || repliesTo is not null || settings.FollowUpsWithoutMention || settings.AskChannelIds.Contains(channelId)))
        {
            return ValueTask.FromResult(ForBot(read, inAnswerThread: answered.Contains(DiscordPlatform.Name, channelId)));
        }

        var inAnswerThread = answered.IsAnswerAsync(DiscordPlatform.Name, channelId, cancellationToken);
        return inAnswerThread.IsCompletedSuccessfully
            ? ValueTask.FromResult(ForBot(read, inAnswerThread.Result == true))
            : ForBotAsync(read, inAnswerThread);
    }

    private async ValueTask<IncomingMessage?> ForBotAsync(ReadMessage read, ValueTask<bool?> inAnswerThread) =>
        ForBot(read, await inAnswerThread == true);

    /// <summary>The message to answer, now that whether it is in a thread started from an answer is known; null when it is not for the bot.</summary>
    private IncomingMessage? ForBot(ReadMessage read, bool inAnswerThread)
    {
        var (authorId, channelId, messageId, guildId, mentioned, repliesTo, text) = read;
        var followsAnswer = guildId is not null && (inAnswerThread || repliesTo is not null);
        var settings = options.CurrentValue;
        if (guildId is not null && !mentioned && !settings.AskChannelIds.Contains(channelId)
            && !(followsAnswer && settings.FollowUpsWithoutMention))
        {
            if (followsAnswer)
            {
                HintOnce(channelId);
            }

            return null;
        }

        if (text.Length == 0)
        {
            // A bare mention or an empty DM asks what the bot can do; an empty message that does
            // not mention the bot is an attachment, or content withheld for want of the intent.
            if (guildId is not null && !mentioned)
            {
                return null;
            }

            text = "/help";
        }

        // A message carries no proof of rights: moderator commands need the signed interaction.
        // A reply to one of the bot's answers refers to it ("/report" in a reply reports it).
        var request = new ChatRequest(DiscordPlatform.Name, channelId, authorId, text)
        {
            ChannelKind = guildId is null ? ChannelKind.Direct : ChannelKind.Channel,
            ReferencedMessageId = repliesTo,
        };
        return new IncomingMessage(messageId, guildId, WithConversation(request, guildId, channelId, repliesTo, inAnswerThread));
    }

    /// <summary>
    /// A thread started from an answer is one conversation, which begins with that answer's; a reply
    /// to an answer goes on from it, in the reply chain under it; otherwise a person's questions in one
    /// channel, thread or direct message are.
    /// </summary>
    private static ChatRequest WithConversation(ChatRequest request, string? guildId, string channelId, string? repliesTo, bool inAnswerThread)
    {
        if (inAnswerThread)
        {
            return request with { ConversationId = channelId, ContinuesFrom = channelId };
        }

        if (guildId is not null && repliesTo is not null)
        {
            return request with { ConversationId = repliesTo, ContinuesFrom = repliesTo };
        }

        return request with { ConversationId = request.UserId };
    }

    /// <summary>Once per run: a message that goes on from an answer without a mention was left unanswered, and what would answer it.</summary>
    private void HintOnce(string channelId)
    {
        if (Interlocked.Exchange(ref _hinted, 1) == 0)
        {
            LogNotFollowingUp(channelId);
        }
    }

    internal static string StripMention(string content, string? botId)
    {
        var text = botId is null ? content : content.Replace($"<@{botId}>", " ", StringComparison.Ordinal).Replace($"<@!{botId}>", " ", StringComparison.Ordinal);
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();

    /// <summary>What the payload said, with the bot's mention taken out of the text.</summary>
    private sealed record ReadMessage(string AuthorId, string ChannelId, string MessageId, string? GuildId, bool Mentioned, string? RepliesTo, string Text);

    [LoggerMessage(Level = LogLevel.Information, Message = "A message in {ChannelId} went on from one of the bot's answers without mentioning it and was not answered; set Discord:FollowUpsWithoutMention (and switch on the Message Content intent) to answer such messages. Said once per run")]
    private partial void LogNotFollowingUp(string channelId);
}
