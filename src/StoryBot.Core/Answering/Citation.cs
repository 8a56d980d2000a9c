namespace StoryBot.Core.Answering;

/// <summary>A verbatim quote an answer rests on, with where it stands and an English rendering.</summary>
/// <param name="Id">Stable excerpt id.</param>
/// <param name="Source">Source document id.</param>
/// <param name="Paragraph">1-based paragraph of the source.</param>
/// <param name="Quote">Verbatim text of the source.</param>
/// <param name="Translation">English rendering of the quote.</param>
/// <param name="Attribution">Who says it, in the reply's language (for example "Altman on X, Wednesday").</param>
public sealed record Citation(
    string Id,
    string Source,
    int Paragraph,
    string Quote,
    string Translation,
    string? Attribution = null)
{
    /// <summary>Set when a moderator withdrew the excerpt after the answer was posted.</summary>
    public bool Withdrawn { get; init; }
}
