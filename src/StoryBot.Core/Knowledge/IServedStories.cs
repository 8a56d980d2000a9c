namespace StoryBot.Core.Knowledge;

/// <summary>
/// Every story the host serves, for the parts that work on each of them rather than on the story of
/// the request at hand (<see cref="IKnowledgeProvider.Current"/>): the command registry, warming up
/// the search indexes, routing a channel to its story.
/// </summary>
public interface IServedStories
{
    /// <summary>The story answered outside a channel mapped to another: direct messages, the console.</summary>
    string DefaultStory { get; }

    /// <summary>The ids of the stories served, the default first.</summary>
    IReadOnlyList<string> Stories { get; }

    /// <summary>The pack of <paramref name="story"/> in service, or null when it is not served.</summary>
    KnowledgePack? Find(string story);
}
