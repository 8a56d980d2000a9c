using System.Globalization;
using System.Text;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Summaries;

/// <summary>A source published after a channel's last summary, and the number of the excerpt that cites it.</summary>
internal sealed record NewSource(SourceDocument Source, IReadOnlyList<int> Numbers);

/// <summary>
/// What changed since a channel's last summary, which a summary tells first: new reporting
/// (sources published after it), quotes cited now that were not then, quotes withdrawn since, and
/// updated curation; or, when none of these, that there is no new reporting since then.
/// </summary>
internal static class SummaryChanges
{
    /// <summary>
    /// Numbers the first allowed excerpt of each source published after <paramref name="since"/>
    /// before anything else is numbered, so the lines that lead the summary carry its first numbers.
    /// A source with no excerpt the moderators allow is left out, as every uncited line is.
    /// </summary>
    public static IReadOnlyList<NewSource> CiteNewSources(KnowledgePack pack, CitationFilter filter, DateTimeOffset? since, SummaryCitations citations) =>
        [.. NewestFirst(pack, since)
            .Select(source => new NewSource(source, CiteSource(pack, filter, source, citations)))
            .Where(source => source.Numbers.Count > 0)];

    /// <summary>Numbers the source's first excerpt the moderators allow; none when it has none.</summary>
    public static List<int> CiteSource(KnowledgePack pack, CitationFilter filter, SourceDocument source, SummaryCitations citations) =>
        citations.Cite(new SummaryClaim(source.Title, null, FirstAllowedExcerpt(pack, filter, source), ArticleVoice: true), mustAddExcerpt: false);

    /// <summary>Sources published after <paramref name="since"/> (all dated ones when null), newest first.</summary>
    public static IEnumerable<SourceDocument> NewestFirst(KnowledgePack pack, DateTimeOffset? since) =>
        pack.Sources
            .Where(source => source.Published is { } published && (since is null || published > since))
            .OrderByDescending(source => source.Published);

    private static IReadOnlyList<string> FirstAllowedExcerpt(KnowledgePack pack, CitationFilter filter, SourceDocument source) =>
        [.. pack.Excerpts
            .Where(excerpt => excerpt.SourceId == source.Id && filter.Allows(excerpt))
            .OrderBy(excerpt => excerpt.Paragraph)
            .Take(1)
            .Select(excerpt => excerpt.Id)];

    /// <summary>
    /// The section's lines, or a single line saying nothing is new since the last summary. The
    /// quotes <paramref name="cited"/> now that the last summary did not are listed as newly cited
    /// (a summary's own; empty for <c>/whats-new</c>, which quotes only the new reporting).
    /// </summary>
    public static List<TextRun> Describe(SummaryTexts texts, SummaryBaseline since, KnowledgePack pack, CitationFilter filter, IReadOnlyList<Citation> cited, IReadOnlyList<NewSource> newSources)
    {
        var before = since.ExcerptIds.ToHashSet(StringComparer.Ordinal);
        var packUpdated = !string.Equals(since.PackVersion, pack.Version, StringComparison.Ordinal);
        var added = cited.Select((citation, index) => (citation.Id, Number: index + 1))
            .Where(c => !before.Contains(c.Id))
            .Select(c => c.Number)
            .ToList();
        var withdrawn = before
            .Where(id => !pack.TryGetExcerpt(id, out var excerpt) || !filter.Allows(excerpt))
            .Order(StringComparer.Ordinal)
            .ToList();

        var runs = new List<TextRun> { TextRun.Strong(texts.SinceLast) };
        if (!packUpdated && added.Count == 0 && withdrawn.Count == 0 && newSources.Count == 0)
        {
            runs.Add(TextRun.Plain(" " + texts.NoNewReporting(since.PostedAt is { } posted ? texts.Date(posted) : null)));
            return runs;
        }

        foreach (var source in newSources)
        {
            runs.Add(TextRun.Plain($"\n• {texts.NewReporting(texts.Source(source.Source))} {Markers(source.Numbers)}"));
        }

        var line = new StringBuilder();
        if (packUpdated)
        {
            line.Append(' ').Append(texts.PackUpdated);
        }

        if (added.Count > 0)
        {
            line.Append(' ').Append(texts.NewHere).Append(' ').Append(Markers(added)).Append('.');
        }

        if (withdrawn.Count > 0)
        {
            line.Append(' ').Append(texts.Withdrawn(withdrawn.Count, string.Join(", ", withdrawn)));
        }

        if (line.Length > 0)
        {
            runs.Add(TextRun.Plain(newSources.Count > 0 ? "\n" + line.ToString().TrimStart() : line.ToString()));
        }

        return runs;
    }

    public static string Markers(IEnumerable<int> numbers) =>
        string.Concat(numbers.Select(number => string.Create(CultureInfo.InvariantCulture, $"[{number}]")));
}
