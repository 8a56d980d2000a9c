using Microsoft.Extensions.Options;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Which story a channel is answered from when the host serves several: the story a moderator chose
/// for it (<see cref="IChannelStoryChoices"/>), else its entry in <c>Stories:Channels</c>, else the
/// default story. Direct messages and the console always get the default story, whichever channel id
/// the platform gives them. A choice naming a story no longer served is passed over.
/// </summary>
public sealed class ChannelStories(IOptions<StoriesOptions> options, IKnowledgeProvider? knowledge = null, IChannelStoryChoices? choices = null)
{
    /// <summary>The story of the channel <paramref name="request"/> came from; null means the default story.</summary>
    public ValueTask<string?> StoryOfAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ChannelKind is ChannelKind.Direct or ChannelKind.Console
            ? ValueTask.FromResult<string?>(null)
            : StoryOfChannelAsync(request.Platform, request.ChannelId, cancellationToken);
    }

    /// <summary>The story of the channel <paramref name="channelId"/> on <paramref name="platform"/>; null means the default story.</summary>
    public async ValueTask<string?> StoryOfChannelAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        if (choices is not null && await choices.StoryOfAsync(platform, channelId, cancellationToken) is { } chosen && IsServed(chosen))
        {
            return chosen;
        }

        return StoryOfChannel(channelId);
    }

    /// <summary>The story <c>Stories:Channels</c> maps <paramref name="channelId"/> to; null means the default story.</summary>
    public string? StoryOfChannel(string channelId) =>
        options.Value.Channels.TryGetValue(channelId, out var story) && !string.IsNullOrWhiteSpace(story) ? story.Trim() : null;

    private bool IsServed(string story) => knowledge is not IServedStories served || served.Stories.Contains(story, StringComparer.Ordinal);
}
