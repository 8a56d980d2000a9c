namespace StoryBot.Core.Conversation.FollowUps;

public enum FollowUpKind
{
    /// <summary>A question that stands on its own (or the first of its conversation).</summary>
    None,

    /// <summary>"he", "sein Unternehmen": a person named before, written in.</summary>
    Pronoun,

    /// <summary>"and Altman?", "und wann?", "when was that": the earlier question, asked again with what is new.</summary>
    Ellipsis,

    /// <summary>"more sources", "mehr dazu", "show the whole paragraph".</summary>
    More,

    /// <summary>"what did he say?" after two people: the bot asks which one.</summary>
    Ambiguous,
}

/// <summary>How a question was read against its conversation.</summary>
/// <param name="Question">What the engine is asked: the question itself, or with what it refers to written in.</param>
/// <param name="Candidates">For <see cref="FollowUpKind.Ambiguous"/>, the people it may mean.</param>
public sealed record FollowUpResolution(FollowUpKind Kind, string Question, IReadOnlyList<string> Candidates)
{
    /// <summary>
    /// The language the request's own words are in, where the follow-up reading knows it better than
    /// a detector reading two words ("mehr dazu"); null to leave it to the detector.
    /// </summary>
    public Knowledge.Language? Language { get; init; }

    /// <summary>The conversation's turns before this question, oldest first, as it was read against them.</summary>
    public IReadOnlyList<ConversationTurn> Turns { get; init; } = [];

    /// <summary>The turn before; null for the first of a conversation.</summary>
    public ConversationTurn? Previous => Turns.Count > 0 ? Turns[^1] : null;

    public static FollowUpResolution Unchanged(string question) => new(FollowUpKind.None, question, []);
}
