using System.Numerics.Tensors;

namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>
/// The pack's excerpts as sentence vectors: each excerpt's German quote and English rendering,
/// and every curated statement (fact, timeline entry, entity role) in both languages, counted
/// for the excerpts it cites. A question finds an excerpt through whichever of its texts says
/// the same thing most closely, in whichever words.
/// </summary>
internal sealed class SemanticIndex
{
    private readonly SemanticDocument[] _documents;
    private readonly float[][] _vectors;

    public SemanticIndex(IReadOnlyList<SemanticDocument> documents, float[][] vectors, int excerptCount)
    {
        if (documents.Count != vectors.Length)
        {
            throw new ArgumentException($"{documents.Count} documents but {vectors.Length} vectors.", nameof(vectors));
        }

        _documents = [.. documents];
        _vectors = vectors;
        ExcerptCount = excerptCount;

    }

    public int ExcerptCount { get; }

    /// <summary>The texts to embed for a pack, in a fixed order (the order of their vectors).</summary>
    public static List<SemanticDocument> DocumentsOf(PassageIndex index)
    {
        var documents = new List<SemanticDocument>();
        foreach (var excerpt in index.Excerpts)
        {
            documents.Add(new SemanticDocument(excerpt.Index, 1f, excerpt.Excerpt.Quote));
            documents.Add(new SemanticDocument(excerpt.Index, 1f, excerpt.Excerpt.Translation));
            foreach (var asked in excerpt.Excerpt.Asked)
            {
                documents.Add(new SemanticDocument(excerpt.Index, 1f, asked));
            }
        }

        var positions = index.Excerpts.ToDictionary(e => e.Excerpt.Id, e => e.Index, StringComparer.Ordinal);
        foreach (var passage in index.Passages.Where(p => p.Kind != PassageKind.Summary))
        {
            for (var i = 0; i < passage.Citations.Count; i++)
            {
                if (!positions.TryGetValue(passage.Citations[i], out var excerpt))
                {
                    continue;
                }

                var closeness = Closeness(passage.Kind, i == 0);
                documents.Add(new SemanticDocument(excerpt, closeness, passage.Text.En));
                documents.Add(new SemanticDocument(excerpt, closeness, passage.Text.De));
            }
        }

        return documents;
    }

    /// <summary>
    /// For each excerpt, how closely (cosine, weighted by closeness) its nearest text says what
    /// the question asks; -1 for an excerpt with no text.
    /// </summary>
    public float[] Similarities(ReadOnlySpan<float> question)
    {
        var best = new float[ExcerptCount];
        Array.Fill(best, -1f);
        for (var i = 0; i < _documents.Length; i++)
        {
            var document = _documents[i];
            var similarity = document.Closeness * TensorPrimitives.Dot(question, _vectors[i]);
            if (similarity > best[document.Excerpt])
            {
                best[document.Excerpt] = similarity;
            }
        }

        return best;
    }

    /// <summary>
    /// A statement that cites an excerpt first is about it; later citations back it up. An
    /// entity's role line describes the entity more than the excerpt it cites.
    /// </summary>
    private static float Closeness(PassageKind kind, bool firstCitation) => (kind, firstCitation) switch
    {
        (PassageKind.Fact, true) or (PassageKind.Timeline, true) => 1f,
        (PassageKind.Entity, true) => 0.9f,
        _ => 0.85f,
    };
}
