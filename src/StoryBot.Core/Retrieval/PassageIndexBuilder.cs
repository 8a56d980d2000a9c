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

    /// <summary>Collects the postings: each excerpt's own words, then what every passage citing it says.</summary>
    private sealed class Builder
    {
        private readonly KnowledgePack _pack;
        private readonly Dictionary<string, int> _excerptIndex;
        private readonly EntityNameForms _nameForms = new();
        private readonly PackWords _words = new();

        public Builder(KnowledgePack pack)
        {
            _pack = pack;
            _excerptIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var speakers = new ExcerptSpeakers(pack);
            var timelineCited = pack.Timeline.SelectMany(t => t.Citations).ToHashSet(StringComparer.Ordinal);
            foreach (var excerpt in pack.Excerpts)
            {
                var index = Excerpts.Count;
                _excerptIndex[excerpt.Id] = index;
                var text = excerpt.Quote + "\n" + excerpt.Translation;
                var namesTime = HasTime(text);
                var timed = namesTime || timelineCited.Contains(excerpt.Id);
                var speaker = speakers.Of(excerpt.Id);
                var profile = new ExcerptProfile(index, excerpt, HasAmount(text), timed, namesTime, speaker) { GivesReason = GivesReason(text), QuotesWords = excerpt.Quote.IndexOfAny(QuotationMarks) >= 0 };
                Excerpts.Add(profile);
                foreach (var form in _words.FormsOf(excerpt.Translation, excerpt.Quote, countWords: true))
                {
                    PostExcerpt(form, index, 1f);
                    profile.Words.Add(form);
                }

                // The questions curators know it answers find it in people's own words; they are
                // both languages at once and do not count as the pack's English or German words.
                var asked = string.Join('\n', excerpt.Asked);
                foreach (var form in _words.FormsOf(asked, asked, countWords: false))
                {
                    PostExcerpt(form, index, Abstention.AskedCloseness);
                }
            }

            foreach (var entity in pack.Entities)
            {
                foreach (var form in _nameForms.Of(entity))
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

        public Dictionary<string, Dictionary<int, float>> ExcerptPostings { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<int>> PassagePostings { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<string>> NameForms { get; } = new(StringComparer.Ordinal);
        public HashSet<string> English => _words.English;
        public HashSet<string> German => _words.German;

        public void Add(Passage passage)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in passage.EntitiesAndSpeaker)
            {
                if (_pack.FindEntity(id) is { } entity)
                {
                    names.UnionWith(_nameForms.Of(entity));
                }
            }

            var forms = _words.FormsOf(passage.Text.En, passage.Text.De, countWords: true);
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

            // Whom a figure in the statement is about: what a "how much" naming someone needs.
            var figureAbout = HasAmount(passage.Text.En) || HasAmount(passage.Text.De)
                ? new HashSet<string>(passage.EntitiesAndSpeaker, StringComparer.Ordinal)
                : null;
            for (var i = 0; i < passage.Citations.Count; i++)
            {
                if (_excerptIndex.TryGetValue(passage.Citations[i], out var excerpt))
                {
                    var closeness = Closeness(passage.Kind, i == 0);
                    foreach (var form in excerptForms)
                    {
                        PostExcerpt(form, excerpt, closeness);
                    }

                    if (figureAbout is not null)
                    {
                        Excerpts[excerpt].FiguresAbout.Add(figureAbout);
                    }

                    if (passage.Kind != PassageKind.Entity)
                    {
                        Excerpts[excerpt].Words.UnionWith(forms);
                        // Only a fact about this very excerpt: a timeline entry or a fact citing
                        // several reads the reason of one into the others.
                        Excerpts[excerpt].GivesReason |= passage.Kind == PassageKind.Fact && i == 0
                            && GivesReason(passage.Text.En + "\n" + passage.Text.De);
                        Excerpts[excerpt].Actors.UnionWith(passage.EntitiesAndSpeaker
                            .Where(id => _pack.FindEntity(id)?.Kind is EntityKind.Person or EntityKind.Organisation));
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
    }
}
