namespace StoryBot.Discord.Gateway;

internal static class GatewayOpcode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>What to do after a connection ended.</summary>
internal enum GatewayNext
{
    /// <summary>Reconnect and RESUME on <c>resume_gateway_url</c> (identify when there is no session).</summary>
    Resume,

    /// <summary>Drop the session, reconnect and IDENTIFY afresh.</summary>
    Identify,

    /// <summary>Stop for good: retrying cannot help (bad token, bad intents, sharding).</summary>
    Stop,
}

internal static class GatewayCloseCodes
{
    /// <summary>Sent by the bot when it wants to resume: anything but 1000/1001, which end the session.</summary>
    public const int ClientResuming = 4000;

    public const int AuthenticationFailed = 4004;

    /// <summary>The bot is in too many guilds for its shard count: Discord recommends a higher one.</summary>
    public const int ShardingRequired = 4011;

    public static GatewayNext NextAfter(int? closeCode) => closeCode switch
    {
        AuthenticationFailed or 4010 or ShardingRequired or 4012 or 4013 or 4014 => GatewayNext.Stop,
        4007 or 4009 => GatewayNext.Identify,
        _ => GatewayNext.Resume,
    };

    public static string Describe(int? closeCode) => closeCode switch
    {
        4004 => "authentication failed: the bot token is invalid (check Discord:Token)",
        4010 => "invalid shard",
        4011 => "sharding required: the bot is in too many guilds for one connection",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: a privileged intent is not enabled for the application; Discord:AskChannelIds and Discord:FollowUpsWithoutMention ask for Message Content, so switch it on under Bot → Privileged Gateway Intents or leave both unset",
        4007 => "invalid sequence on resume",
        4009 => "session timed out",
        null => "connection dropped",
        _ => $"close code {closeCode}",
    };
}
