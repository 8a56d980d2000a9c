using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;

namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>
/// Keeps the sentence vectors of the pack in service. Vectors are keyed by a digest of the model
/// and every embedded text, so an edited pack is embedded again and an unchanged one is read
/// from the vector cache folder in milliseconds instead of being encoded at every start.
/// </summary>
internal sealed partial class SemanticIndexCache(ISentenceEncoder encoder, IOptions<AnsweringOptions> options, ILogger<SemanticIndexCache> logger)
{
    // A pack reloaded with the same texts (a comment edited, say) keeps its vectors.
    private readonly ConcurrentDictionary<string, float[][]> _computed = new(StringComparer.Ordinal);

    private volatile Entry? _current;

    public SemanticIndex For(PassageIndex index)
    {
        var current = _current;
        if (current is not null && ReferenceEquals(current.Index, index))
        {
            return current.Semantic;
        }

        var documents = SemanticIndex.DocumentsOf(index);
        var key = KeyOf(documents);
        var vectors = _computed.GetOrAdd(key, _ => LoadOrEncode(key, documents));
        var semantic = new SemanticIndex(documents, vectors, index.Excerpts.Count);
        _current = new Entry(index, semantic);
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

        var vectors = encoder.Encode([.. documents.Select(d => d.Text)]);
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
