namespace StoryBot.Core.Answering;

/// <summary>Why a free question was answered as it was: for curators (<c>ask --explain</c>), never shown in chat.</summary>
/// <param name="Cleaned">The question as analysed, after chat noise was removed.</param>
/// <param name="Intent">What kind of answer the question asks for.</param>
/// <param name="Candidates">The best candidate excerpts, best first.</param>
/// <param name="Decision">Answered or abstained, and on what evidence.</param>
public sealed record AnswerExplanation(string Cleaned, string Intent, IReadOnlyList<CandidateFeatures> Candidates, string Decision)
{
    /// <summary>The question's content words the pack does not know at all, in any form.</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];

    /// <summary>The abstention model's belief (0 to 1) that the best candidate answers; null when no model decided.</summary>
    public double? Confidence { get; init; }

    /// <summary>How much closer in meaning the best candidate comes than any other (a feature of the decision).</summary>
    public double? Margin { get; init; }

    /// <summary>How a follow-up question was read against its conversation; null for a question read as it stands.</summary>
    public string? FollowUp { get; init; }

}

/// <param name="Coverage">Share of the question's keyword weight the excerpt matches, 0 to 1.</param>
/// <param name="Lexical">The keyword score.</param>
/// <param name="Semantic">Sentence similarity to the excerpt's nearest text; -1 in lexical mode.</param>
/// <param name="Fused">The ranking score.</param>
public sealed record CandidateFeatures(string ExcerptId, double Coverage, double Lexical, double Semantic, double Fused)
{
    /// <summary>The question's words the excerpt does not have (worked out for the best candidate only).</summary>
    public IReadOnlyList<string> Unmatched { get; init; } = [];
}
