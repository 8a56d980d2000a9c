using System.Security.Cryptography;
using System.Text;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>Which sources and excerpts replies may cite right now (moderators decide).</summary>
public interface ICitationPolicy
{
    ValueTask<CitationFilter> GetFilterAsync(CancellationToken cancellationToken);
}

public sealed record CitationFilter(IReadOnlySet<string> DisabledSources, IReadOnlySet<string> DisabledExcerpts)
{
    public static CitationFilter AllowAll { get; } = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>
    /// The <see cref="QuoteKey"/>s of withdrawn excerpts: a withdrawn quote stays withdrawn when a
    /// later pack gives it another id.
    /// </summary>
    public IReadOnlySet<string> DisabledQuotes { get; init; } = new HashSet<string>();

    public bool Allows(Excerpt excerpt)
    {
        ArgumentNullException.ThrowIfNull(excerpt);
        return !DisabledSources.Contains(excerpt.SourceId)
            && !DisabledExcerpts.Contains(excerpt.Id)
            && (DisabledQuotes.Count == 0 || !DisabledQuotes.Contains(QuoteKey(excerpt.Quote)));
    }

    /// <summary>What identifies a quote whatever its id: a hash of its words, spacing and the encoding of accents ignored.</summary>
    public static string QuoteKey(string quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var words = string.Join(' ', quote.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(words)))[..32];
    }
}
