using Microsoft.Extensions.Options;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Which story a channel is answered from when the host serves several: the channel's entry in
/// <c>Stories:Channels</c>, else the default story. Direct messages and the console always get the
/// default story, whichever channel id the platform gives them.
/// </summary>
public sealed class ChannelStories(IOptions<StoriesOptions> options)
{
    /// <summary>The story of the channel <paramref name="request"/> came from; null means the default story.</summary>
    public string? StoryOf(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ChannelKind is ChannelKind.Direct or ChannelKind.Console ? null : StoryOfChannel(request.ChannelId);
    }

    /// <summary>The story mapped to <paramref name="channelId"/>; null means the default story.</summary>
    public string? StoryOfChannel(string channelId) =>
        options.Value.Channels.TryGetValue(channelId, out var story) && !string.IsNullOrWhiteSpace(story) ? story.Trim() : null;

    /// <summary>Answers from the story of <paramref name="request"/>'s channel until the result is disposed.</summary>
    public StoryScope.Scope Enter(ChatRequest request) => StoryScope.Enter(StoryOf(request));
}
