using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;

namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>
/// Keeps the sentence vectors of each story's pack in service. Vectors are keyed by a digest of the model
/// and every embedded text, so an edited pack is embedded again and an unchanged one is read
/// from the vector cache folder in milliseconds instead of being encoded at every start.
/// </summary>
internal sealed partial class SemanticIndexCache(ISentenceEncoder encoder, IOptions<AnsweringOptions> options, ILogger<SemanticIndexCache> logger)
{
    /// <summary>Texts per call to the model: a little faster than one at a time, and bounded in memory.</summary>
    private const int Batch = 16;

    // A pack reloaded with the same texts (a comment edited, say) keeps its vectors; Lazy makes
    // questions that arrive while a pack is being embedded wait for that work, not repeat it.
    private readonly ConcurrentDictionary<string, Lazy<float[][]>> _computed = new(StringComparer.Ordinal);

    // The index last used for each story: a host serving several keeps one per story.
    private readonly ConcurrentDictionary<string, Entry> _current = new(StringComparer.Ordinal);

    public SemanticIndex For(PassageIndex index)
    {
        if (_current.TryGetValue(index.Pack.Story.Id, out var current) && ReferenceEquals(current.Index, index))
        {
            return current.Semantic;
        }

        var documents = SemanticIndex.DocumentsOf(index);
        var key = KeyOf(documents);
        var computing = _computed.GetOrAdd(key, _ => new Lazy<float[][]>(() => LoadOrEncode(key, documents)));
        float[][] vectors;
        try
        {
            vectors = computing.Value;
        }
        catch
        {
            // A failure is not remembered: the next question tries again.
            _computed.TryRemove(key, out _);
            throw;
        }

        var semantic = new SemanticIndex(documents, vectors, index.Excerpts.Count);
        _current[index.Pack.Story.Id] = new Entry(index, semantic);
        return semantic;
    }

    public float[] Encode(string question) => encoder.Encode([question])[0];

    private float[][] LoadOrEncode(string key, List<SemanticDocument> documents)
    {
        var folder = options.Value.VectorCache;
        var path = string.IsNullOrWhiteSpace(folder) ? null : Path.Combine(folder, key + ".vectors");
        if (path is not null && VectorFile.TryRead(path, documents.Count) is { } cached)
        {
            return cached;
        }

        var vectors = EncodeOnce(documents);
        LogEncoded(documents.Count, encoder.Model);
        if (path is not null)
        {
            try
            {
                VectorFile.Write(path, vectors);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The cache only saves time at the next start; answering goes on without it.
                LogNotCached(exception, Path.GetFullPath(path));
            }
        }

        return vectors;
    }

    /// <summary>Each distinct text once: a statement citing several excerpts stands in the list once per excerpt.</summary>
    private float[][] EncodeOnce(List<SemanticDocument> documents)
    {
        var distinct = documents.Select(d => d.Text).Distinct(StringComparer.Ordinal).ToList();
        var encoded = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var chunk in distinct.Chunk(Batch))
        {
            var vectors = encoder.Encode(chunk);
            for (var i = 0; i < chunk.Length; i++)
            {
                encoded[chunk[i]] = vectors[i];
            }
        }

        return [.. documents.Select(d => encoded[d.Text])];
    }

    private string KeyOf(List<SemanticDocument> documents)
    {
        var text = new StringBuilder(encoder.Model).Append('\n');
        foreach (var document in documents)
        {
            text.Append(document.Excerpt).Append('|').Append(document.Closeness).Append('|').Append(document.Text).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private sealed record Entry(PassageIndex Index, SemanticIndex Semantic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} texts of the knowledge pack with {Model}")]
    private partial void LogEncoded(int count, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the vector cache {Path}; vectors will be computed again at the next start")]
    private partial void LogNotCached(Exception exception, string path);
}
