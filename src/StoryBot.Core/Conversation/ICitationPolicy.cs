namespace StoryBot.Core.Conversation;

/// <summary>Which sources and excerpts replies may cite right now (moderators decide).</summary>
public interface ICitationPolicy
{
    ValueTask<CitationFilter> GetFilterAsync(CancellationToken cancellationToken);
}

public sealed record CitationFilter(IReadOnlySet<string> DisabledSources, IReadOnlySet<string> DisabledExcerpts)
{
    public static CitationFilter AllowAll { get; } = new(new HashSet<string>(), new HashSet<string>());

    public bool Allows(string sourceId, string excerptId) =>
        !DisabledSources.Contains(sourceId) && !DisabledExcerpts.Contains(excerptId);
}
