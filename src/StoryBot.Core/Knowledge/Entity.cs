namespace StoryBot.Core.Knowledge;

public enum EntityKind
{
    Person,
    Organisation,
    Project,
    Place,
    Event,
    Product,
}

public sealed record Entity
{
    public required string Id { get; init; }
    public required EntityKind Kind { get; init; }
    public required string Name { get; init; }

    /// <summary>Other names people use, in English or German, misspellings included.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    public required LocalizedText Role { get; init; }
    public required IReadOnlyList<string> Citations { get; init; }
}
