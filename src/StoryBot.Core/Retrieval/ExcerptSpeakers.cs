using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Whose words or deeds an excerpt reports: who a claim or rebuttal is attributed to, else the
/// first person or organisation a fact citing it is about, of a topic whose facts name who speaks
/// (<see cref="StoryTopic.Speakers"/>: the parties of a dispute, the people).
/// </summary>
internal sealed class ExcerptSpeakers(KnowledgePack pack)
{
    /// <summary>The facts citing each excerpt, in pack order: looked up once per excerpt, so a large pack is not scanned per excerpt.</summary>
    private readonly Dictionary<string, List<Fact>> _factsCiting = FactsCiting(pack);

    /// <summary>The topics whose facts name who speaks (<see cref="StoryTopic.Speakers"/>).</summary>
    private readonly HashSet<string> _speakingTopics = [.. pack.Story.Topics.Where(t => t.Speakers).Select(t => t.Id)];

    public string? Of(string excerptId)
    {
        var citing = _factsCiting.GetValueOrDefault(excerptId) ?? [];
        var attributed = citing.FirstOrDefault(f => f.Attribution.Kind is AttributionKind.Claimed or AttributionKind.Rebutted && f.Attribution.By is not null);
        if (attributed is not null)
        {
            return attributed.Attribution.By;
        }

        return citing
            .Where(f => _speakingTopics.Contains(f.Topic))
            .SelectMany(f => f.Entities.Take(1))
            .FirstOrDefault(id => pack.FindEntity(id)?.Kind is EntityKind.Person or EntityKind.Organisation);
    }

    private static Dictionary<string, List<Fact>> FactsCiting(KnowledgePack pack)
    {
        var citing = new Dictionary<string, List<Fact>>(StringComparer.Ordinal);
        foreach (var fact in pack.Facts)
        {
            foreach (var id in fact.Citations.Distinct(StringComparer.Ordinal))
            {
                if (!citing.TryGetValue(id, out var facts))
                {
                    citing[id] = facts = [];
                }

                facts.Add(fact);
            }
        }

        return citing;
    }
}
