namespace StoryBot.Core.Knowledge;

/// <summary>
/// A topic of the story's facts as <c>story.yaml</c> defines it: its id is its key there and the name of
/// its fact file (<c>facts/&lt;id&gt;.yaml</c>); what else it says decides what the bot does with its facts.
/// </summary>
public sealed record StoryTopic(string Id, TextInLanguages Name)
{
    /// <summary>The heading above the topic's command; its name when it has none.</summary>
    public TextInLanguages? Heading { get; init; }

    /// <summary>The slash command that lists the topic's facts, if it has one.</summary>
    public TopicCommandTexts? Command { get; init; }

    /// <summary>The topic's section of the story summary, if it has one.</summary>
    public TopicSummarySection? Summary { get; init; }

    /// <summary>
    /// Whether the first person or organisation a fact of the topic is about is taken for the speaker of
    /// the excerpts it cites (a party's claims, a person's own words), when no attribution names one.
    /// </summary>
    public bool Speakers { get; init; }

    /// <summary>What the engine itself needs the topic for, beyond the above.</summary>
    public TopicRole? Role { get; init; }

    public TextInLanguages HeadingOrName => Heading ?? Name;
}

/// <summary>A topic's slash command: its name per language, what Discord shows under it, and its line in /help.</summary>
/// <param name="Name">The command's name: the English one is the command, another language's is the name Discord shows its users.</param>
/// <param name="Description">The short description a platform shows beside the command.</param>
/// <param name="Help">The command's line in /help, after "/name: ".</param>
public sealed record TopicCommandTexts(TextInLanguages Name, TextInLanguages Description, TextInLanguages Help)
{
    /// <summary>The command as typed, without its slash.</summary>
    public string CommandName => Name.In(TextInLanguages.Fallback);
}

/// <summary>A topic's section of the story summary, in the order of the topics.</summary>
/// <param name="Label">The section's label ("The money:").</param>
public sealed record TopicSummarySection(TextInLanguages Label)
{
    /// <summary>Only facts that give a figure.</summary>
    public bool FiguresOnly { get; init; }

    /// <summary>The article's own observations before the parties' claims.</summary>
    public bool ArticleVoiceFirst { get; init; }
}

/// <summary>A role at most one topic of a story has, for behaviour the engine gives that topic's facts.</summary>
public enum TopicRole
{
    /// <summary>Facts saying who someone is: /who-is lists them before the others about the same entity.</summary>
    People,
}
