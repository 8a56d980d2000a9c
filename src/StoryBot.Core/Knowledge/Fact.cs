namespace StoryBot.Core.Knowledge;

public enum AttributionKind
{
    /// <summary>The article states it in its own voice.</summary>
    Reported,
    Claimed,
    Rebutted,
    Estimated,
    Announced,
}

/// <summary>Who says a fact is so: the article itself, or a named entity.</summary>
public sealed record Attribution(AttributionKind Kind, string? By);

public sealed record Fact
{
    public required string Id { get; init; }
    /// <summary>The id of the fact's topic (<see cref="StoryTopic"/>): the name of the file it is in.</summary>
    public required string Topic { get; init; }
    public required LocalizedText Statement { get; init; }
    public required Attribution Attribution { get; init; }
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>Entities the fact is about, so /who-is can list them.</summary>
    public IReadOnlyList<string> Entities { get; init; } = [];

    /// <summary>
    /// Facts of older sources that this one corrects, as curators declare it: answers lead with this fact
    /// and say what the earlier report said. Checked on load to name facts of older sources only.
    /// </summary>
    public IReadOnlyList<string> Supersedes { get; init; } = [];
}
