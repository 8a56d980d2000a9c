using System.Runtime.CompilerServices;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>
/// The story's entities a text names by a name or an alias, word for word, in the order it names
/// them; a German genitive ("Musks") names its entity too.
/// </summary>
/// <remarks>
/// Every question of a conversation is read here, twice (to resolve it, and to keep its turn), so the
/// names are looked up by the word they start with rather than each tried at every word: trying
/// them all cost tens of microseconds and a closure per name and question.
/// </remarks>
internal static class MentionedEntities
{
    private static readonly ConditionalWeakTable<KnowledgePack, NameIndex> Indexes = [];
    private static readonly ConditionalWeakTable<KnowledgePack, NameIndex>.CreateValueCallback Analyse = pack => new NameIndex(pack);

    public static IReadOnlyList<Entity> In(string text, KnowledgePack pack)
    {
        var words = FollowUpWords.Of(text);
        var index = Indexes.GetValue(pack, Analyse);

        // Per entity, its first name in the pack's order that the text holds, and where it first does.
        Dictionary<string, (int Order, int At, Entity Entity)>? found = null;
        for (var at = 0; at < words.Count; at++)
        {
            var word = words[at];
            Match(index.Starting(word), words, at, ref found);
            if (word.Length > 1 && word[^1] == 's')
            {
                // A one-word name in the genitive: "Musks".
                Match(index.Starting(word[..^1]), words, at, ref found);
            }
        }

        if (found is null)
        {
            return [];
        }

        var named = new List<(int Order, int At, Entity Entity)>(found.Values);
        named.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order));
        return [.. named.Select(n => n.Entity)];
    }

    private static void Match(List<Name>? names, IReadOnlyList<string> words, int at, ref Dictionary<string, (int Order, int At, Entity Entity)>? found)
    {
        if (names is null)
        {
            return;
        }

        foreach (var name in names)
        {
            if (!StandsAt(words, at, name.Words))
            {
                continue;
            }

            found ??= new Dictionary<string, (int, int, Entity)>(StringComparer.Ordinal);
            if (!found.TryGetValue(name.Entity.Id, out var before) || name.Order < before.Order)
            {
                found[name.Entity.Id] = (name.Order, at, name.Entity);
            }
        }
    }

    /// <summary>Whether the name's words stand at <paramref name="at"/>; its last word may carry a genitive s.</summary>
    private static bool StandsAt(IReadOnlyList<string> words, int at, string[] name)
    {
        if (at + name.Length > words.Count)
        {
            return false;
        }

        for (var j = 0; j < name.Length; j++)
        {
            var word = words[at + j];
            if (word != name[j] && !(j == name.Length - 1 && word.Length == name[j].Length + 1 && word[^1] == 's' && word.StartsWith(name[j], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="Order">The name's place among all the pack's names: the first that matches speaks for its entity.</param>
    private sealed record Name(Entity Entity, string[] Words, int Order);

    /// <summary>The pack's names by their first word.</summary>
    private sealed class NameIndex
    {
        private readonly Dictionary<string, List<Name>> _byFirstWord = new(StringComparer.Ordinal);

        // Names of three letters or fewer are left to the engine: "X" or "US" would match ordinary words
        // (taking three-letter ones as names too was tried: on the development conversations it gave one
        // wrong citation more for one fewer declined).
        public NameIndex(KnowledgePack pack)
        {
            var order = 0;
            foreach (var entity in pack.Entities)
            {
                foreach (var alias in entity.Aliases.Prepend(entity.Name))
                {
                    var words = FollowUpWords.Of(alias).ToArray();
                    if (words.Length == 0 || string.Concat(words).Length <= 3)
                    {
                        continue;
                    }

                    if (!_byFirstWord.TryGetValue(words[0], out var names))
                    {
                        _byFirstWord[words[0]] = names = [];
                    }

                    names.Add(new Name(entity, words, order++));
                }
            }
        }

        public List<Name>? Starting(string word) => _byFirstWord.GetValueOrDefault(word);
    }
}
