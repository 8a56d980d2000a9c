namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>Turns texts into unit-length sentence vectors; the seam between retrieval and a model.</summary>
internal interface ISentenceEncoder
{
    /// <summary>Names the model: vectors of different models are never mixed, in memory or on disk.</summary>
    string Model { get; }

    float[][] Encode(IReadOnlyList<string> texts);
}
