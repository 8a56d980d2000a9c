using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;

namespace StoryBot.State.Commands;

/// <summary>Turns an id a moderator typed into a source or excerpt of the pack in service.</summary>
internal static class TargetResolver
{
    public static CitationTarget? Resolve(KnowledgePack pack, string typed)
    {
        var id = CommandArguments.CleanId(typed);
        foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            if (pack.Sources.FirstOrDefault(s => s.Id.Equals(id, comparison)) is { } source)
            {
                return CitationTarget.Source(source.Id);
            }

            if (pack.Excerpts.FirstOrDefault(e => e.Id.Equals(id, comparison)) is { } excerpt)
            {
                return CitationTarget.Excerpt(excerpt.Id);
            }
        }

        return null;
    }

    /// <summary>A few ids close to what was typed, for the "did you mean" hint.</summary>
    public static IReadOnlyList<string> Suggest(KnowledgePack pack, string typed)
    {
        var id = CommandArguments.CleanId(typed);
        if (id.Length < 2)
        {
            return [];
        }

        return pack.Sources.Select(s => s.Id)
            .Concat(pack.Excerpts.Select(e => e.Id))
            .Where(candidate => candidate.Contains(id, StringComparison.OrdinalIgnoreCase)
                || id.Contains(candidate, StringComparison.OrdinalIgnoreCase)
                || CommonPrefix(candidate, id) >= Math.Max(2, id.Length - 1))
            .Take(3)
            .ToList();
    }

    private static int CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && char.ToLowerInvariant(a[length]) == char.ToLowerInvariant(b[length]))
        {
            length++;
        }

        return length;
    }
}
