using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// The forms an entity's names are found by in the index. Built once per pack: every passage
/// naming the entity asks again, so the forms are worked out once per entity.
/// </summary>
internal sealed class EntityNameForms
{
    private static readonly string[] InflectionEndings = ["", "s", "es", "e", "n", "en", "ns", "ens"];

    private readonly Dictionary<string, HashSet<string>> _formsById = new(StringComparer.Ordinal);

    /// <summary>
    /// Each word of the entity's names as written, and its stems where a stem only drops an
    /// inflection ending ("Musks" is Musk). A stem that cuts into the word would let an everyday
    /// word name the entity ("OpenAl", a misspelling, stems to "open").
    /// </summary>
    public HashSet<string> Of(Entity entity)
    {
        if (_formsById.TryGetValue(entity.Id, out var cached))
        {
            return cached;
        }

        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in StoryAnalyzers.Terms(StoryAnalyzers.Surface, NamesOf(entity)))
        {
            forms.Add(word);
            forms.UnionWith(StoryAnalyzers.Terms(StoryAnalyzers.English, word).Where(stem => IsInflectionOf(stem, word)).Select(stem => "en:" + stem));
            forms.UnionWith(StoryAnalyzers.Terms(StoryAnalyzers.German, word).Where(stem => IsInflectionOf(stem, word)).Select(stem => "de:" + stem));
        }

        _formsById[entity.Id] = forms;
        return forms;
    }

    /// <summary>
    /// The entity's names as indexed. An alias that is only the name written apart ("Open AI"
    /// for "OpenAI", or a misspelling of it, "Sof Bank") names nothing new, but its parts can be everyday words ("open"); it is
    /// left out, and a question that writes the name apart still finds it, because the
    /// question's neighbouring words are joined where the pack knows the whole.
    /// </summary>
    private static string NamesOf(Entity entity)
    {
        // A misspelling written apart ("Sof Bank") is as much the whole name as "Soft Bank" is;
        // its parts alone would let an everyday word ("bank") name the entity.
        var whole = Joined(entity.Name);
        var names = entity.Aliases.Where(alias => !(alias.Any(c => !char.IsLetterOrDigit(c)) && EditDistance.IsWithin(Joined(alias), whole, 1)));
        return string.Join(' ', names.Prepend(entity.Name));
    }

    private static bool IsInflectionOf(string stem, string word) =>
        word.StartsWith(stem, StringComparison.Ordinal) && InflectionEndings.Contains(word[stem.Length..]);

    private static string Joined(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
