namespace StoryBot.Core.Conversation;

/// <summary>
/// The stories moderators chose for channels (<c>/moderate story</c>), kept by the state feature; a
/// choice wins over the channel's entry in <c>Stories:Channels</c>.
/// </summary>
public interface IChannelStoryChoices
{
    /// <summary>The story chosen for the channel, or null when none was chosen. Never throws for an unreachable store.</summary>
    ValueTask<string?> StoryOfAsync(string platform, string channelId, CancellationToken cancellationToken);
}
