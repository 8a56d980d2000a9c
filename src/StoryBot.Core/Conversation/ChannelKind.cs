namespace StoryBot.Core.Conversation;

/// <summary>Where a request was written, as far as the platform tells: it says who may read the reply.</summary>
public enum ChannelKind
{
    Unknown,

    /// <summary>A direct message with the bot.</summary>
    Direct,

    /// <summary>A server channel or a Slack channel, where others read along.</summary>
    Channel,

    /// <summary>The local console chat.</summary>
    Console,
}
