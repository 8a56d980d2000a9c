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

/// <summary>The served stories as every provider answers them: one that serves a single story serves only its own.</summary>
public static class ServedStoriesOfProvider
{
    /// <summary>The ids of the stories served, the default first.</summary>
    public static IReadOnlyList<string> ServedStoryIds(this IKnowledgeProvider knowledge) =>
        knowledge is IServedStories served ? served.Stories : [knowledge.Current.Story.Id];

    /// <summary>The story answered outside any <see cref="StoryScope"/>.</summary>
    public static string DefaultStoryId(this IKnowledgeProvider knowledge) =>
        knowledge is IServedStories served ? served.DefaultStory : knowledge.Current.Story.Id;
}
