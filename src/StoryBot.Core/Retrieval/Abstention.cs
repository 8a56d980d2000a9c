namespace StoryBot.Core.Retrieval;

/// <summary>
/// Whether the best-ranked excerpt answers the question, decided once from its features by a
/// logistic model, and how keyword and sentence evidence are weighed in the ranking. The
/// weights and thresholds were fitted on the development questions only
/// (tests/StoryBot.Core.Tests/Quality/development.yaml, with tools/fit-abstention.py); the test
/// and held-out questions only measure them.
/// </summary>
internal static class Abstention
{
    /// <summary>Weight of sentence similarity against the keyword score in the ranking.</summary>
    public const double SemanticWeight = 0.75;

    /// <summary>Below this similarity an excerpt with no keyword in common is no candidate at all.</summary>
    public const double MinSemantic = 0.3;

    /// <summary>How closely a word of a curated question belongs to the excerpt it is asked of.</summary>
    public const float AskedCloseness = 0.8f;

    /// <summary>Further excerpts join the answer only when they rank almost as well as the best.</summary>
    private const double RunnerUpShare = 0.85;

    /// <summary>In hybrid mode a further excerpt must also come almost as close in meaning.</summary>
    private const double RunnerUpSemanticGap = 0.1;

    // Fitted on the development set; see the class summary. A probability is the model's belief
    // that the candidate is a right answer; below the threshold the bot says the story doesn't say.
    private static readonly Model Hybrid = new(Bias: -3.831, Coverage: 2.412, Lexical: 2.422, Semantic: 1.033, Margin: 5.627, Threshold: 0.45);
    private static readonly Model Lexical = new(Bias: -3.369, Coverage: 2.500, Lexical: 2.568, Semantic: 0, Margin: 0, Threshold: 0.45);

    public static double Fuse(double lexical, double semantic) => lexical + (SemanticWeight * Math.Max(0, semantic));

    /// <param name="rivals">
    /// Every excerpt's similarity to the question, for the margin; null when only the ranked
    /// candidates are rivals, as for "what happened on Tuesday", which that day's excerpts alone can answer.
    /// </param>
    public static AbstentionDecision Decide(IReadOnlyList<ExcerptHit> ranked, float[]? rivals)
    {
        var top = ranked[0];
        var model = ModelFor(top);
        var margin = MarginOf(ranked, rivals);
        return new AbstentionDecision(model.Probability(top, margin), model.Threshold, margin);
    }

    /// <summary>
    /// A further excerpt joins the answer when it ranks almost as well as the best and the model,
    /// judging it by how far it falls behind the best in meaning, still believes it answers.
    /// </summary>
    public static bool JoinsAnswer(ExcerptHit hit, ExcerptHit best) =>
        hit.Fused >= best.Fused * RunnerUpShare
        && (hit.Semantic < 0 || hit.Semantic >= best.Semantic - RunnerUpSemanticGap)
        && ModelFor(hit).Probability(hit, hit.Semantic - best.Semantic) >= ModelFor(hit).Threshold;

    /// <summary>
    /// How much closer in meaning the best candidate comes than any rival: by default every other
    /// excerpt, not only those left as candidates, or an excerpt set aside for not giving what is
    /// asked (no figure for "how much") would make a lone remaining candidate look distinct.
    /// </summary>
    private static double MarginOf(IReadOnlyList<ExcerptHit> ranked, float[]? rivals)
    {
        var top = ranked[0];
        var others = 0.0;
        if (rivals is null)
        {
            others = ranked.Skip(1).Select(h => h.Semantic).DefaultIfEmpty(0).Max();
        }
        else
        {
            for (var i = 0; i < rivals.Length; i++)
            {
                if (i != top.Excerpt.Index)
                {
                    others = Math.Max(others, rivals[i]);
                }
            }
        }

        return top.Semantic - others;
    }

    private static Model ModelFor(ExcerptHit hit) => hit.Semantic < 0 ? Lexical : Hybrid;

    private sealed record Model(double Bias, double Coverage, double Lexical, double Semantic, double Margin, double Threshold)
    {
        public double Probability(ExcerptHit hit, double margin)
        {
            var score = Bias + (Coverage * hit.Coverage) + (Lexical * hit.Score);
            if (hit.Semantic >= 0)
            {
                score += (Semantic * hit.Semantic) + (Margin * margin);
            }

            return 1 / (1 + Math.Exp(-score));
        }
    }
}

/// <param name="Confidence">The model's belief, 0 to 1, that the best candidate answers the question.</param>
/// <param name="Margin">How much closer in meaning the best candidate comes than any other.</param>
internal sealed record AbstentionDecision(double Confidence, double Threshold, double Margin)
{
    public bool Answers => Confidence >= Threshold;

    public string Reason => FormattableString.Invariant(
        $"{(Answers ? "answers" : "too little evidence")} (confidence {Confidence:0.00}, threshold {Threshold:0.00})");
}
