namespace StoryBot.Core.Knowledge;

/// <summary>An article the pack quotes from, split into its content paragraphs.</summary>
public sealed record SourceDocument
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>The title in English, when the metadata gives one.</summary>
    public string? TitleEn { get; init; }

    public required string Outlet { get; init; }
    public required string Language { get; init; }
    public required string Kind { get; init; }

    /// <summary>When it was published, when the metadata says: a developing story tells what is new by it.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>The file as it is on disk, byte for byte; quotes are checked against it.</summary>
    public required string RawText { get; init; }

    /// <summary>Content paragraphs in reading order; <see cref="Paragraph.Number"/> is 1-based.</summary>
    public required IReadOnlyList<Paragraph> Paragraphs { get; init; }
}

/// <summary>
/// A content paragraph. <paramref name="Flag"/> is curation's note (both languages) on a paragraph that is
/// kept as published but is defective, e.g. garbled; answers citing it should pass the note on.
/// </summary>
public sealed record Paragraph(int Number, string Text, LocalizedText? Flag = null)
{
    public bool Flagged => Flag is not null;
}
