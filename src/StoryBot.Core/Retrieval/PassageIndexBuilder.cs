using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

internal sealed partial class PassageIndex
{
    /// <summary>How closely what a passage says belongs to each excerpt it cites.</summary>
    private static float Closeness(PassageKind kind, bool firstCitation) => (kind, firstCitation) switch
    {
        (PassageKind.Fact, true) => 0.9f,
        (PassageKind.Fact, false) => 0.6f,
        (PassageKind.Timeline, true) => 0.8f,
        (PassageKind.Timeline, false) => 0.5f,
        (PassageKind.Entity, true) => 0.5f,
        (PassageKind.Entity, false) => 0.3f,
        _ => 0f,
    };

    private sealed class Builder
    {
        private readonly KnowledgePack _pack;
        private readonly Dictionary<string, int> _excerptIndex;
        private readonly Dictionary<string, HashSet<string>> _nameForms = new(StringComparer.Ordinal);

        private static readonly string[] InflectionEndings = ["", "s", "es", "e", "n", "en", "ns", "ens"];

        /// <summary>The facts citing each excerpt, in pack order: looked up once per excerpt, so a large pack is not scanned per excerpt.</summary>
        private readonly Dictionary<string, List<Fact>> _factsCiting;

        public Builder(KnowledgePack pack)
        {
            _pack = pack;
            _excerptIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            _factsCiting = FactsCiting(pack);
            var timelineCited = pack.Timeline.SelectMany(t => t.Citations).ToHashSet(StringComparer.Ordinal);
            foreach (var excerpt in pack.Excerpts)
            {
                var index = Excerpts.Count;
                _excerptIndex[excerpt.Id] = index;
                var text = excerpt.Quote + "\n" + excerpt.Translation;
                var namesTime = HasTime(text);
                var timed = namesTime || timelineCited.Contains(excerpt.Id);
                var speaker = SpeakerOf(excerpt.Id);
                Excerpts.Add(new ExcerptProfile(index, excerpt, HasAmount(text), timed, namesTime, speaker));
                foreach (var form in FormsOf(excerpt.Translation, excerpt.Quote, countWords: true))
                {
                    PostExcerpt(form, index, 1f);
                }

                // The questions curators know it answers find it in people's own words; they are
                // both languages at once and do not count as the pack's English or German words.
                var asked = string.Join('\n', excerpt.Asked);
                foreach (var form in FormsOf(asked, asked, countWords: false))
                {
                    PostExcerpt(form, index, Abstention.AskedCloseness);
                }
            }

            foreach (var entity in pack.Entities)
            {
                foreach (var form in NameFormsOf(entity))
                {
                    if (!NameForms.TryGetValue(form, out var ids))
                    {
                        NameForms[form] = ids = [];
                    }

                    ids.Add(entity.Id);
                }
            }
        }

        public List<ExcerptProfile> Excerpts { get; } = [];

        /// <summary>
        /// Whose words or deeds an excerpt reports: who a claim or rebuttal is attributed to, else
        /// the first person or organisation a dispute or people fact citing it is about.
        /// </summary>
        private string? SpeakerOf(string excerptId)
        {
            var citing = _factsCiting.GetValueOrDefault(excerptId) ?? [];
            var attributed = citing.FirstOrDefault(f => f.Attribution.Kind is AttributionKind.Claimed or AttributionKind.Rebutted && f.Attribution.By is not null);
            if (attributed is not null)
            {
                return attributed.Attribution.By;
            }

            return citing
                .Where(f => f.Topic is Topic.Dispute or Topic.People)
                .SelectMany(f => f.Entities.Take(1))
                .FirstOrDefault(id => _pack.FindEntity(id)?.Kind is EntityKind.Person or EntityKind.Organisation);
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

        public Dictionary<string, Dictionary<int, float>> ExcerptPostings { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<int>> PassagePostings { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<string>> NameForms { get; } = new(StringComparer.Ordinal);
        public HashSet<string> English { get; } = new(StringComparer.Ordinal);
        public HashSet<string> German { get; } = new(StringComparer.Ordinal);

        public void Add(Passage passage)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in passage.Entities.Append(passage.Attribution?.By))
            {
                if (id is not null && _pack.FindEntity(id) is { } entity)
                {
                    names.UnionWith(NameFormsOf(entity));
                }
            }

            var forms = FormsOf(passage.Text.En, passage.Text.De, countWords: true);
            forms.UnionWith(names);
            passage.Breadth = forms.Count;

            // An entity's role line describes the entity, not the excerpts it cites: only its
            // names lead to them.
            var excerptForms = passage.Kind == PassageKind.Entity ? names : forms;
            foreach (var form in forms)
            {
                if (!PassagePostings.TryGetValue(form, out var list))
                {
                    PassagePostings[form] = list = [];
                }

                list.Add(passage.Index);
            }

            if (passage.Kind == PassageKind.Summary)
            {
                return;
            }

            for (var i = 0; i < passage.Citations.Count; i++)
            {
                if (_excerptIndex.TryGetValue(passage.Citations[i], out var excerpt))
                {
                    var closeness = Closeness(passage.Kind, i == 0);
                    foreach (var form in excerptForms)
                    {
                        PostExcerpt(form, excerpt, closeness);
                    }
                }
            }
        }

        private void PostExcerpt(string form, int excerpt, float closeness)
        {
            if (!ExcerptPostings.TryGetValue(form, out var postings))
            {
                ExcerptPostings[form] = postings = [];
            }

            postings[excerpt] = Math.Max(postings.GetValueOrDefault(excerpt), closeness);
        }

        /// <param name="countWords">Whether the texts' words tell the languages apart (statements, quotes; not names).</param>
        private HashSet<string> FormsOf(string en, string de, bool countWords)
        {
            var forms = new HashSet<string>(StringComparer.Ordinal);
            foreach (var surface in StoryAnalyzers.Terms(StoryAnalyzers.Surface, en))
            {
                forms.Add(surface);
                if (countWords)
                {
                    English.Add(surface);
                }
            }

            foreach (var surface in StoryAnalyzers.Terms(StoryAnalyzers.Surface, de))
            {
                forms.Add(surface);
                if (countWords)
                {
                    German.Add(surface);
                }
            }

            foreach (var stem in StoryAnalyzers.Terms(StoryAnalyzers.English, en))
            {
                forms.Add("en:" + stem);
            }

            foreach (var stem in StoryAnalyzers.Terms(StoryAnalyzers.German, de))
            {
                forms.Add("de:" + stem);
            }

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

        /// <summary>
        /// The forms an entity's names are found by: each word as written, and its stems where a
        /// stem only drops an inflection ending ("Musks" is Musk). A stem that cuts into the word
        /// would let an everyday word name the entity ("OpenAl", a misspelling, stems to "open").
        /// </summary>
        private HashSet<string> NameFormsOf(Entity entity)
        {
            if (_nameForms.TryGetValue(entity.Id, out var cached))
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

            _nameForms[entity.Id] = forms;
            return forms;
        }

        private static bool IsInflectionOf(string stem, string word) =>
            word.StartsWith(stem, StringComparison.Ordinal) && InflectionEndings.Contains(word[stem.Length..]);

        private static string Joined(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();
    }
}
