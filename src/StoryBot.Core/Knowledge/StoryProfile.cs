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

    /// <summary>How the story names each topic ("It covers: …") and, for a topic a command shows, its heading.</summary>
    public required IReadOnlyDictionary<Topic, StoryTopic> Topics { get; init; }

    /// <summary>
    /// Groups of words a reader may use for one of the story's concepts, English and German mixed:
    /// a question's word matches an excerpt that has another word of its group.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Synonyms { get; init; } = [];

    public StoryTopic Topic(Topic topic) => Topics[topic];

    /// <summary>The heading above a topic's command: its own, or else its name.</summary>
    public TextInLanguages HeadingOf(Topic topic) => Topics[topic].Heading ?? Topics[topic].Name;
}

/// <summary>A topic as the story names it; <see cref="Heading"/> is given for the topics a command shows.</summary>
public sealed record StoryTopic(TextInLanguages Name, TextInLanguages? Heading);
