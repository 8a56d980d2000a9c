using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

internal enum PassageKind
{
    Fact,
    Entity,
    Timeline,
    Summary,
}

/// <summary>One retrievable unit of the pack: a fact, an entity, a timeline entry or the summary.</summary>
internal sealed record Passage
{
    public required int Index { get; init; }
    public required PassageKind Kind { get; init; }
    public required string Key { get; init; }
    public required LocalizedText Text { get; init; }
    public required IReadOnlyList<string> Citations { get; init; }
    public Attribution? Attribution { get; init; }

    /// <summary>Entities the passage is about; their names find it.</summary>
    public IReadOnlyList<string> Entities { get; init; } = [];

    /// <summary>The entities it is about and, when it gives someone's words, whose they are.</summary>
    public IEnumerable<string> EntitiesAndSpeaker => Attribution?.By is { } by ? Entities.Append(by) : Entities;
    public EntityKind? EntityKind { get; init; }

    /// <summary>Number of distinct forms; shorter passages win ties.</summary>
    public int Breadth { get; set; }
}
