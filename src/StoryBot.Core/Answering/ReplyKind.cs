namespace StoryBot.Core.Answering;

public enum ReplyKind
{
    /// <summary>An answer that rests on at least one citation.</summary>
    Answer,

    /// <summary>The story does not answer the question; says so and lists what it covers.</summary>
    Abstention,

    Help,

    /// <summary>A polite error: bad input, unknown command, refused rights.</summary>
    Error,

    /// <summary>A notice only for the asker, such as a cooldown.</summary>
    Notice,

    /// <summary>The result of a moderator command.</summary>
    Moderation,
}
