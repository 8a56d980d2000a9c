namespace StoryBot.State.Moderation;

public enum TargetKind
{
    Source,
    Excerpt,
}

/// <summary>What a moderator disables: a whole source document or one excerpt of it.</summary>
public sealed record CitationTarget(TargetKind Kind, string Id)
{
    public static CitationTarget Source(string id) => new(TargetKind.Source, id);

    public static CitationTarget Excerpt(string id) => new(TargetKind.Excerpt, id);

    /// <summary>How the kind is stored and shown: "source" or "excerpt".</summary>
    public string KindCode => Kind == TargetKind.Source ? "source" : "excerpt";

    public override string ToString() => $"{KindCode} {Id}";

    internal static TargetKind ParseKind(string code) => code == "source" ? TargetKind.Source : TargetKind.Excerpt;
}

/// <summary>Who did something, in the platform's own ids.</summary>
public sealed record Actor(string Platform, string UserId)
{
    /// <summary>The bot itself (corrections, retention).</summary>
    public static Actor System { get; } = new("storybot", "storybot");
}

public sealed record DisabledCitation(CitationTarget Target, Actor By, string Reason, DateTimeOffset At);
