using System.Runtime.CompilerServices;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>
/// The story's entities a text names by a name or an alias, word for word, in the order it names
/// them; a German genitive ("Musks") names its entity too.
/// </summary>
internal static class MentionedEntities
{
    private static readonly ConditionalWeakTable<KnowledgePack, List<(Entity Entity, string[] Words)>> Names = [];

    public static IReadOnlyList<Entity> In(string text, KnowledgePack pack)
    {
        var words = FollowUpWords.Of(text);
        var found = new List<(int At, Entity Entity)>();
        foreach (var (entity, name) in Names.GetValue(pack, Analyse))
        {
            var at = Find(words, name);
            if (at >= 0 && found.All(f => f.Entity.Id != entity.Id))
            {
                found.Add((at, entity));
            }
        }

        return [.. found.OrderBy(f => f.At).Select(f => f.Entity)];
    }

    /// <summary>Where the name's words stand in <paramref name="words"/>, or -1.</summary>
    private static int Find(IReadOnlyList<string> words, string[] name)
    {
        for (var i = 0; i + name.Length <= words.Count; i++)
        {
            var all = true;
            for (var j = 0; j < name.Length && all; j++)
            {
                var word = words[i + j];
                all = word == name[j] || (j == name.Length - 1 && word == name[j] + "s");
            }

            if (all)
            {
                return i;
            }
        }

        return -1;
    }

    // Names of three letters or fewer are left to the engine: "X" or "US" would match ordinary words
    // (taking three-letter ones as names too was tried: on the development conversations it gave one
    // wrong citation more for one fewer declined).
    private static List<(Entity, string[])> Analyse(KnowledgePack pack) =>
        [.. pack.Entities
            .SelectMany(entity => entity.Aliases.Prepend(entity.Name).Select(name => (entity, FollowUpWords.Of(name).ToArray())))
            .Where(pair => pair.Item2.Length > 0 && string.Concat(pair.Item2).Length > 3)];
}
