namespace StoryBot.Core.Knowledge;

/// <summary>
/// A verbatim passage of a source with its English rendering. Its id is stable across
/// pack edits so moderators, reports and posted answers can refer to it.
/// </summary>
public sealed record Excerpt
{
    public required string Id { get; init; }
    public required string SourceId { get; init; }

    /// <summary>Verbatim text of the source (German for the story).</summary>
    public required string Quote { get; init; }

    public required string Translation { get; init; }

    /// <summary>Questions the curators know this passage answers, as people ask them; used only to find it.</summary>
    public IReadOnlyList<string> Asked { get; init; } = [];

    /// <summary>1-based paragraph of <see cref="SourceId"/> that holds the quote.</summary>
    public required int Paragraph { get; init; }

    /// <summary>Character offset of the quote inside its paragraph.</summary>
    public required int Start { get; init; }

    public int Length => Quote.Length;

    // The list of asked questions compares by content, so two loads of one pack give equal excerpts.
    public bool Equals(Excerpt? other) =>
        other is not null && Id == other.Id && SourceId == other.SourceId && Quote == other.Quote && Translation == other.Translation
        && Paragraph == other.Paragraph && Start == other.Start && Asked.SequenceEqual(other.Asked);

    public override int GetHashCode() => HashCode.Combine(Id, SourceId, Quote, Paragraph, Start);
}
