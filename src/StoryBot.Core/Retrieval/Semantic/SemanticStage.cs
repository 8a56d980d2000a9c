namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>The meaning side of retrieval: how close a question comes to each excerpt, or nothing in lexical mode.</summary>
internal interface ISemanticStage
{
    /// <returns>Per excerpt of <paramref name="index"/>, the similarity to <paramref name="question"/>; null when the stage is off.</returns>
    float[]? Similarities(PassageIndex index, string question);
}

/// <summary>Keywords alone: no model is loaded.</summary>
internal sealed class NoSemanticStage : ISemanticStage
{
    public float[]? Similarities(PassageIndex index, string question) => null;
}

internal sealed class SentenceSemanticStage(SemanticIndexCache vectors) : ISemanticStage
{
    public float[]? Similarities(PassageIndex index, string question) =>
        question.Length == 0 ? null : vectors.For(index).Similarities(vectors.Encode(question));
}
