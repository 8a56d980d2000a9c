namespace StoryBot.Testing.Discord;

/// <summary>Interaction and message payloads shaped like the examples in Discord's documentation.</summary>
public static class Payloads
{
    private static long _lastId = 786_008_729_715_212_338;

    public const string ChannelId = "645027906669510667";
    public const string UserId = "53908232506183680";
    public const string ModeratorRoleId = "539082325061836999";

    /// <summary>The documented slash-command example ("Slash Commands → Example Interaction"), with our command.</summary>
    /// <param name="id">The interaction's id (and token suffix); each call gets a new one unless given, as each invocation on Discord does.</param>
    /// <param name="locale">The client's language, which Discord sends with every interaction.</param>
    public static string SlashCommand(string name, string options = "[]", string permissions = "0", string roles = "[]", string? id = null, string locale = "en-US") =>
        SlashCommandWithId(name, options, permissions, roles, id ?? NewId(), locale);

    private static string SlashCommandWithId(string name, string options, string permissions, string roles, string id, string locale) => $$"""
        {
            "type": 2,
            "token": "A_UNIQUE_TOKEN_{{id}}",
            "member": {
                "user": {"id": "{{UserId}}", "username": "Mason", "avatar": "a_d5efa99b3eeaa7dd43acca82f5692432", "discriminator": "1337", "public_flags": 131141},
                "roles": {{roles}},
                "premium_since": null,
                "permissions": "{{permissions}}",
                "pending": false,
                "nick": null,
                "mute": false,
                "joined_at": "2017-03-13T19:19:14.040000+00:00",
                "is_pending": false,
                "deaf": false
            },
            "id": "{{id}}",
            "application_id": "{{FakeDiscord.ApplicationId}}",
            "guild_id": "{{FakeDiscord.GuildId}}",
            "app_permissions": "442368",
            "guild_locale": "en-US",
            "locale": "{{locale}}",
            "data": {"options": {{options}}, "type": 1, "name": "{{name}}", "id": "771825006014889984"},
            "channel_id": "{{ChannelId}}",
            "version": 1
        }
        """;

    /// <summary>
    /// The documented message-command example ("Message Commands → Example Interaction"): a slash-command
    /// interaction whose data is of type 3 with the target message in <c>resolved.messages</c>.
    /// </summary>
    public static string MessageCommand(string name, string targetId, string content, string locale = "en-US")
    {
        var target = MessageWithId(content, FakeDiscord.GuildId, false, "80351110224678912", false, ChannelId, targetId);
        var data = $$$"""
            "data": {"type": 3, "target_id": "{{{targetId}}}", "resolved": {"messages": {"{{{targetId}}}": {{{target}}}}}, "name"
            """;
        return SlashCommand(name, locale: locale).Replace("\"data\": {\"options\": [], \"type\": 1, \"name\"", data, StringComparison.Ordinal);
    }

    public static string StringOption(string name, string value, bool focused = false) =>
        $$"""{"type": 3, "name": "{{name}}", "value": {{System.Text.Json.JsonSerializer.Serialize(value)}}{{(focused ? ", \"focused\": true" : string.Empty)}}}""";

    public static string Autocomplete(string typed) =>
        SlashCommand("who-is", $"[{StringOption("name", typed, focused: true)}]").Replace("\"type\": 2,", "\"type\": 4,", StringComparison.Ordinal);

    public static string ReportButton(string messageId, string locale = "en-US") =>
        OnBotMessage(3, "button", messageId, locale, """{"custom_id": "storybot:report", "component_type": 2}""");

    /// <summary>
    /// A MODAL_SUBMIT interaction (type 5) for StoryBot's report form about <paramref name="messageId"/>, shaped
    /// like the documented modal example: the text input's value inside its action row; an empty reason is "".
    /// </summary>
    public static string ReportSubmitted(string messageId, string reason, string locale = "en-US", string customIdPrefix = "storybot:report:") =>
        OnBotMessage(5, "modal", messageId, locale, $$"""
            {
                "custom_id": "{{customIdPrefix}}{{messageId}}",
                "components": [{"type": 1, "components": [{"type": 4, "custom_id": "reason", "value": {{System.Text.Json.JsonSerializer.Serialize(reason)}}}]}]
            }
            """);

    /// <summary>An interaction of <paramref name="type"/> started from one of the bot's messages; its token names <paramref name="kind"/>.</summary>
    private static string OnBotMessage(int type, string kind, string messageId, string locale, string data)
    {
        var id = NewId();
        return $$"""
            {
                "type": {{type}},
                "token": "A_UNIQUE_TOKEN_{{kind}}_{{id}}",
                "id": "{{id}}",
                "application_id": "{{FakeDiscord.ApplicationId}}",
                "guild_id": "{{FakeDiscord.GuildId}}",
                "channel_id": "{{ChannelId}}",
                "member": {"user": {"id": "{{UserId}}", "username": "Mason"}, "roles": [], "permissions": "0"},
                "message": {"id": "{{messageId}}", "channel_id": "{{ChannelId}}", "type": 0, "content": "", "author": {"id": "{{FakeDiscord.BotUserId}}", "bot": true} },
                "locale": "{{locale}}",
                "data": {{data}},
                "version": 1
            }
            """;
    }

    /// <summary>A MESSAGE_CREATE dispatch's data, as in the Gateway docs.</summary>
    /// <param name="id">The message's id; each call gets a new one unless given.</param>
    public static string Message(string content, string? guildId = FakeDiscord.GuildId, bool mentionsBot = false, string authorId = UserId, bool authorIsBot = false, string channelId = ChannelId, string? id = null) =>
        MessageWithId(content, guildId, mentionsBot, authorId, authorIsBot, channelId, id ?? NewId());

    private static string MessageWithId(string content, string? guildId, bool mentionsBot, string authorId, bool authorIsBot, string channelId, string id) => $$"""
        {
            "id": "{{id}}",
            "channel_id": "{{channelId}}",
            {{(guildId is null ? string.Empty : $"\"guild_id\": \"{guildId}\",")}}
            "author": {"id": "{{authorId}}", "username": "Mason", "discriminator": "0", "avatar": null{{(authorIsBot ? ", \"bot\": true" : string.Empty)}}},
            "content": {{System.Text.Json.JsonSerializer.Serialize(content)}},
            "timestamp": "2026-11-28T10:00:00.000000+00:00",
            "edited_timestamp": null,
            "tts": false,
            "mention_everyone": false,
            "mentions": [{{(mentionsBot ? $"{{\"id\": \"{FakeDiscord.BotUserId}\", \"username\": \"StoryBot\", \"bot\": true}}" : string.Empty)}}],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": false,
            "type": 0
        }
        """;

    /// <summary>
    /// A MESSAGE_CREATE replying to <paramref name="referencedId"/>, as Discord sends a reply: type 19,
    /// a <c>message_reference</c> and the <c>referenced_message</c> itself. With
    /// <paramref name="ping"/> the reply mentions the author it replies to, as clients do by default.
    /// </summary>
    public static string Reply(string content, string referencedId, string referencedAuthorId = FakeDiscord.BotUserId, bool ping = false, string authorId = UserId, string channelId = ChannelId, string? guildId = FakeDiscord.GuildId, string? id = null)
    {
        var message = System.Text.Json.Nodes.JsonNode.Parse(Message(content, guildId, ping && referencedAuthorId == FakeDiscord.BotUserId, authorId, channelId: channelId, id: id))!.AsObject();
        var referenced = System.Text.Json.Nodes.JsonNode.Parse(MessageWithId(string.Empty, guildId, false, referencedAuthorId, referencedAuthorId == FakeDiscord.BotUserId, channelId, referencedId))!;
        message["type"] = 19;
        message["message_reference"] = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = 0,
            ["message_id"] = referencedId,
            ["channel_id"] = channelId,
        };
        if (guildId is not null)
        {
            message["message_reference"]!["guild_id"] = guildId;
        }

        message["referenced_message"] = referenced;
        return message.ToJsonString();
    }

    /// <summary>
    /// A THREAD_CREATE for a thread started from message <paramref name="starterId"/>: such a thread
    /// has the starter message's id as its own, as Discord's "Start Thread from Message" describes.
    /// </summary>
    public static string ThreadCreated(string starterId, string parentId = ChannelId, string ownerId = UserId) => $$"""
        {
            "id": "{{starterId}}",
            "guild_id": "{{FakeDiscord.GuildId}}",
            "parent_id": "{{parentId}}",
            "owner_id": "{{ownerId}}",
            "type": 11,
            "name": "Stargate",
            "last_message_id": null,
            "rate_limit_per_user": 0,
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "flags": 0,
            "thread_metadata": {"archived": false, "auto_archive_duration": 1440, "archive_timestamp": "2026-11-28T10:00:00.000000+00:00", "locked": false},
            "newly_created": true
        }
        """;

    /// <summary>A snowflake-shaped id no other payload of this run has.</summary>
    public static string NewId() => Interlocked.Increment(ref _lastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
