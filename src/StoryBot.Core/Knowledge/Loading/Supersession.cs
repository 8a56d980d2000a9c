using System.Globalization;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>A fact's <c>supersedes</c> list as read, with where each id stands.</summary>
internal sealed record Supersession(string FactId, IReadOnlyList<Located<string>> Superseded, string What, PackFile File);

/// <summary>
/// Checks what a schema cannot: a fact corrects only facts of an older source, so the answer that
/// leads with it leads with the newest report. Strictly older also means a chain of corrections can
/// never come back to where it started.
/// </summary>
internal static class SupersessionCheck
{
    public static void Report(PackReading reading, IEnumerable<Fact> facts, IEnumerable<Excerpt> excerpts, IReadOnlyDictionary<string, LoadedSource> sources)
    {
        if (reading.Supersessions.Count == 0)
        {
            return;
        }

        var factsById = facts.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var sourceOfExcerpt = excerpts.ToDictionary(e => e.Id, e => e.SourceId, StringComparer.Ordinal);
        SourceDocument? ReportOf(string factId) =>
            factsById.TryGetValue(factId, out var fact) && sourceOfExcerpt.TryGetValue(fact.Citations[0], out var sourceId)
            && sources.TryGetValue(sourceId, out var source) ? source.Document : null;

        foreach (var (factId, superseded, what, file) in reading.Supersessions)
        {
            // A missing fact is reported by the reference check; one whose source failed to load, by that source.
            if (ReportOf(factId) is not { } newer)
            {
                continue;
            }

            foreach (var (oldId, at) in superseded)
            {
                if (ReportOf(oldId) is not { } older)
                {
                    continue;
                }

                if (Problem(older, newer) is { } problem)
                {
                    reading.Errors.Add(file, at, $"{what}: supersedes fact '{oldId}', {problem}");
                }
            }
        }
    }

    private static string? Problem(SourceDocument older, SourceDocument newer)
    {
        if (newer.Published is null || older.Published is null)
        {
            var undated = newer.Published is null ? newer.Id : older.Id;
            return $"but source '{undated}' has no published time; give both sources one (published: 2025-01-23) so the newer can be told";
        }

        if (older.Id == newer.Id)
        {
            return $"which is reported by the same source '{newer.Id}'; a fact supersedes only a fact of an older source";
        }

        return older.Published < newer.Published
            ? null
            : $"whose source '{older.Id}' ({Date(older)}) is not older than this fact's source '{newer.Id}' ({Date(newer)}); a fact supersedes only a fact of an older source, so put supersedes on the newer fact";
    }

    private static string Date(SourceDocument source) => source.Published!.Value.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
