using System.ComponentModel.DataAnnotations;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>Section <c>FollowUps</c>: how long and how much of a conversation the bot keeps in mind for follow-up questions.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    /// <summary>A conversation nobody has added to for this long is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "FollowUps:IdleExpiry must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan IdleExpiry { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// At most this many conversations are kept in memory, the ones idle longest going first; and as
    /// many of the bot's posted replies (which threads and replies go on from), the oldest going first.
    /// </summary>
    [Range(100, 1_000_000, ErrorMessage = "FollowUps:MaxConversations must be between 100 and 1000000.")]
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>The turns of a conversation kept in mind, the latest ones.</summary>
    [Range(1, 20, ErrorMessage = "FollowUps:Turns must be between 1 and 20.")]
    public int Turns { get; set; } = 4;
}
