using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// The story's synonym groups (<see cref="StoryProfile.Synonyms"/>) by stem: every word of a group
/// matches every other, in any inflection the analyzers fold it to.
/// </summary>
internal sealed class StorySynonyms
{
    private readonly Dictionary<string, List<int>> _groupsOfStem = new(StringComparer.Ordinal);
    private readonly List<string[]> _groupStems = [];

    public StorySynonyms(IEnumerable<IReadOnlyList<string>> groups)
    {
        foreach (var group in groups)
        {
            var stems = group.SelectMany(TermForms.StemsOf).ToHashSet(StringComparer.Ordinal);
            _groupStems.Add([.. stems]);
            foreach (var stem in stems)
            {
                if (!_groupsOfStem.TryGetValue(stem, out var list))
                {
                    _groupsOfStem[stem] = list = [];
                }

                list.Add(_groupStems.Count - 1);
            }
        }
    }

    /// <summary>Whether a curator listed the stem in one of the groups.</summary>
    public bool Has(string stem) => _groupsOfStem.ContainsKey(stem);

    /// <summary>All stems that mean the same as <paramref name="stem"/>, itself included.</summary>
    public IEnumerable<string> Of(string stem) =>
        _groupsOfStem.TryGetValue(stem, out var groups) ? groups.SelectMany(g => _groupStems[g]) : [stem];
}
