namespace StoryBot.Core.Retrieval;

/// <summary>One statement of an answer and the excerpts it cites, best first.</summary>
internal sealed record RetrievedPoint(Passage Passage, IReadOnlyList<string> Citations)
{
    /// <summary>What earlier reports said that this statement corrects, newest first (see <see cref="NewestReports"/>).</summary>
    public IReadOnlyList<RetrievedPoint> Earlier { get; init; } = [];
}

/// <param name="Points">What to answer with; empty when the story does not answer.</param>
/// <param name="Ranked">The candidate excerpts, best first, with the features the decision read.</param>
/// <param name="Decision">Why the question was answered or not, in a few words for curators.</param>
internal sealed record SearchResult(IReadOnlyList<RetrievedPoint> Points, IReadOnlyList<ExcerptHit> Ranked, string Decision)
{
    /// <summary>The calibrated decision on the best candidate, when one was made.</summary>
    public AbstentionDecision? Abstention { get; init; }
}
