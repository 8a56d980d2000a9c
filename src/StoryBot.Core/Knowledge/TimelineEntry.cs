namespace StoryBot.Core.Knowledge;

/// <summary>An event placed on the story's own relative days (Monday, Tuesday, ...).</summary>
public sealed record TimelineEntry
{
    public required string Id { get; init; }
    public required int Order { get; init; }
    public required LocalizedText Day { get; init; }
    public required LocalizedText Event { get; init; }
    public required IReadOnlyList<string> Citations { get; init; }
}

public sealed record StorySummary(LocalizedText Text, IReadOnlyList<string> Citations);
