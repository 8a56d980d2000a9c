namespace StoryBot.Core.Knowledge;

/// <summary>
/// What the bot says about the story it carries, from the pack's <c>story.yaml</c>: everything
/// story-specific the bot's own texts need, so no story lives in the code.
/// </summary>
public sealed record StoryProfile
{
    /// <summary>The story's id, which is also the name of its folder in the knowledge folder.</summary>
    public required string Id { get; init; }

    public required TextInLanguages Title { get; init; }

    /// <summary>The story in one line, as a reader would be told what the bot is about.</summary>
    public required TextInLanguages Description { get; init; }

    /// <summary>What the bot says to an empty message.</summary>
    public required TextInLanguages Welcome { get; init; }

    /// <summary>The opening of /help, before the list of commands.</summary>
    public required TextInLanguages Help { get; init; }

    /// <summary>A name to show in "/who-is &lt;name&gt;" examples.</summary>
    public required TextInLanguages WhoIsExample { get; init; }

    /// <summary>The console chat's first line, after "StoryBot: ".</summary>
    public required TextInLanguages Greeting { get; init; }

    /// <summary>The topics of the story's facts, in the order story.yaml gives them: their names ("It covers: …"), commands and summary sections.</summary>
    public required IReadOnlyList<StoryTopic> Topics { get; init; }

    /// <summary>
    /// Groups of words a reader may use for one of the story's concepts, English and German mixed:
    /// a question's word matches an excerpt that has another word of its group.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Synonyms { get; init; } = [];

    /// <summary>The topic of <paramref name="id"/>; every fact's topic is one of the story's, as the loader checks.</summary>
    public StoryTopic Topic(string id) => Topics.First(t => t.Id == id);

    /// <summary>The topic with <paramref name="role"/>, if the story has one.</summary>
    public StoryTopic? TopicWith(TopicRole role) => Topics.FirstOrDefault(t => t.Role == role);
}
