using YamlDotNet.Core;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>The ids of one kind (excerpts, entities, ...) with where each was first defined, for duplicate and reference checks.</summary>
internal sealed class IdIndex
{
    private readonly Dictionary<string, (PackFile File, Mark At)> _first = new(StringComparer.Ordinal);

    public IdIndex(string kind) => Kind = kind;

    public string Kind { get; }

    public IEnumerable<string> Ids => _first.Keys;

    /// <summary>
    /// False once a file defining these ids could not be read at all: its ids are unknown, so references
    /// to them are not reported (the broken file is, and one cause should give one error).
    /// </summary>
    public bool Complete { get; private set; } = true;

    public void MarkIncomplete() => Complete = false;

    public bool Contains(string id) => _first.ContainsKey(id);

    /// <summary>Registers an id; a second definition is reported with the place of the first.</summary>
    public bool Add(string id, PackFile file, Mark at, PackErrors errors)
    {
        if (_first.TryGetValue(id, out var first))
        {
            errors.Add(file, at, $"duplicate {Kind} id '{id}' (first defined at {first.File.DisplayPath}:{first.At.Line})");
            return false;
        }

        _first.Add(id, (file, at));
        return true;
    }

    /// <summary>Reports <paramref name="reference"/> when no such id exists, naming the nearest ids that do.</summary>
    public void Require(Located<string> reference, string what, string role, PackFile file, PackErrors errors)
    {
        // An id the schema already refused there (one with a space) is not also reported missing.
        if (Contains(reference.Value) || !Complete || errors.Has(file, reference.At))
        {
            return;
        }

        var hint = "";
        if (errors.TakeSuggestion())
        {
            var closest = Nearest.Closest(reference.Value, Ids, 3);
            hint = closest.Count == 0 ? $" (there are no {Kind} ids)" : $" (nearest {Kind} ids: {Shown.Ids(closest)})";
        }

        errors.Add(file, reference.At, $"{what}: {role} '{reference.Value}' does not exist{hint}");
    }
}
