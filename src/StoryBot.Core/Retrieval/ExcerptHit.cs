namespace StoryBot.Core.Retrieval;

/// <param name="Coverage">Share of the question's weight the excerpt's words match, 0 to 1.</param>
/// <param name="Score">How well it matches, counting how closely each word belongs to the excerpt (0 to 1).</param>
/// <param name="Semantic">Cosine similarity of the question to the excerpt's nearest text; -1 without a semantic stage.</param>
/// <param name="Fused">The ranking score: lexical and semantic evidence together.</param>
internal sealed record ExcerptHit(ExcerptProfile Excerpt, double Coverage, double Score, double Semantic, double Fused)
{
    /// <summary>The question's words the excerpt's texts do not have.</summary>
    public IReadOnlyList<string> Unmatched { get; init; } = [];
}
