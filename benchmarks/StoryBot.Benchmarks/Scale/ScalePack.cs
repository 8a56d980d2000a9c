using System.Globalization;
using System.Text;
using static StoryBot.Benchmarks.Scale.ScaleVocabulary;

namespace StoryBot.Benchmarks.Scale;

/// <summary>What a generated pack holds, and questions worth asking it.</summary>
internal sealed record ScalePackContents(
    int Articles, int Excerpts, int Entities, int Facts, int TimelineEntries, IReadOnlyList<string> Questions);

/// <summary>
/// Writes a valid knowledge pack of many German news-like articles (1,000 by default, about
/// 50,000 excerpts and 50,000 facts) for measuring load, indexing and answering at scale. The
/// same seed always writes the same pack, byte for byte.
/// </summary>
/// <remarks>
/// Each article has 25 paragraphs of three sentences; the first and last sentence of each
/// paragraph are excerpts (quoted verbatim, with a word-for-word English rendering). Each article
/// names one invented person and one invented organisation (2,000 entities in all), and every
/// excerpt carries one fact whose topic follows what the sentence says (an amount: funding, a
/// day: timeline, a place: places, a claim or rebuttal: dispute, else people).
/// </remarks>
internal sealed class ScalePack
{
    public const int DefaultArticles = 1000;
    public const int DefaultSeed = 20250123;
    private const int ParagraphsPerArticle = 25;
    private const string TrackingTag = "tch-1-tech";
    private static readonly string[] Topics = ["funding", "dispute", "people", "timeline", "places"];

    private readonly Random _random;
    private readonly HashSet<string> _usedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly StringBuilder _excerpts = new("# Generated excerpts.\n\n");
    private readonly StringBuilder _entities = new("# Generated entities.\n\n");
    private readonly StringBuilder _timeline = new("# Generated timeline.\n\n");
    private readonly Dictionary<string, StringBuilder> _facts = Topics.ToDictionary(t => t, t => new StringBuilder($"# Generated {t} facts.\n\n"));
    private readonly List<string> _questions = [];
    private int _excerptCount;
    private int _factCount;
    private int _timelineCount;

    private ScalePack(int seed) => _random = new Random(seed);

    /// <summary>Writes the pack into <paramref name="folder"/> (created if missing).</summary>
    public static ScalePackContents Write(string folder, int articles = DefaultArticles, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(articles, 1);
        Directory.CreateDirectory(Path.Combine(folder, "sources"));
        Directory.CreateDirectory(Path.Combine(folder, "facts"));
        var pack = new ScalePack(seed);
        for (var a = 1; a <= articles; a++)
        {
            pack.WriteArticle(folder, a);
        }

        pack.WriteLists(folder);
        pack._questions.AddRange(Unanswerable);
        return new ScalePackContents(articles, pack._excerptCount, articles * 2, pack._factCount, pack._timelineCount, pack._questions);
    }

    /// <summary>Questions no generated article answers: the bot must abstain on them.</summary>
    private static readonly string[] Unanswerable =
    [
        "What is the weather in Lisbon tomorrow?",
        "Wer hat die Fußball-Weltmeisterschaft 2014 gewonnen?",
        "How do I bake sourdough bread?",
        "Welche Farbe hat der Himmel auf dem Mars?",
    ];

    private void WriteArticle(string folder, int a)
    {
        var id = Invariant($"article-{a:D4}");
        var person = new GeneratedEntity(Invariant($"{id}-person"), "person", NewPersonName(), Alias: null);
        person = person with { Alias = person.Name[(person.Name.IndexOf(' ', StringComparison.Ordinal) + 1)..] };
        var organisation = NewOrganisationName();
        var org = new GeneratedEntity(Invariant($"{id}-org"), "organisation", organisation.Full, organisation.Short);

        var text = new StringBuilder();
        var headline = Sentence(person, org);
        text.Append(headline.De.TrimEnd('.')).Append("\n\n");
        var quoted = new List<(string Id, GeneratedSentence Sentence)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { headline.De };
        for (var p = 1; p <= ParagraphsPerArticle; p++)
        {
            var sentences = new GeneratedSentence[3];
            for (var s = 0; s < sentences.Length; s++)
            {
                do
                {
                    sentences[s] = Sentence(person, org);
                }
                while (!seen.Add(sentences[s].De));
            }

            text.Append(string.Join(' ', sentences.Select(s => s.De))).Append("\n\n");
            quoted.Add((Invariant($"{id}-p{p:D2}-1"), sentences[0]));
            quoted.Add((Invariant($"{id}-p{p:D2}-2"), sentences[2]));
        }

        text.Append(TrackingTag).Append('\n');
        File.WriteAllText(Path.Combine(folder, "sources", id + ".de.txt"), text.ToString());
        File.WriteAllText(Path.Combine(folder, "sources", id + ".yaml"), SourceMetadata(id, a, headline, flagged: a % 10 == 0));

        foreach (var (excerptId, sentence) in quoted)
        {
            _excerpts.Append(Invariant($"- id: {excerptId}\n  source: {id}\n  quote: \"{sentence.De}\"\n  translation: \"{sentence.En}\"\n\n"));
            _excerptCount++;
        }

        WriteEntity(person, a, "named as a spokesperson", "als Sprecherin oder Sprecher genannt", quoted.Where(q => q.Sentence.Subject == person).Select(q => q.Id), quoted[0].Id);
        WriteEntity(org, a, "the company the article is about", "das Unternehmen, um das es im Artikel geht", quoted.Where(q => q.Sentence.Subject == org).Select(q => q.Id), quoted[1].Id);
        for (var i = 0; i < quoted.Count; i++)
        {
            var next = i % 5 == 4 && i + 1 < quoted.Count ? quoted[i + 1].Id : null;
            WriteFact(person, org, quoted[i].Id, next, quoted[i].Sentence);
        }

        var timed = quoted.Where(q => q.Sentence.Day is not null).Take(3).ToList();
        for (var t = 0; t < timed.Count; t++)
        {
            var (excerptId, sentence) = timed[t];
            _timeline.Append(Invariant($"- id: {id}-day-{t + 1}\n  order: {(a * 10) + t}\n  day: {{en: \"{Capital(sentence.Day!.Value.En)}\", de: \"{Capital(sentence.Day!.Value.De)}\"}}\n"))
                .Append(Invariant($"  event:\n    en: \"{sentence.En}\"\n    de: \"{sentence.De}\"\n  citations: [{excerptId}]\n\n"));
            _timelineCount++;
        }

        AddQuestions(a, person, org, quoted.Select(q => q.Sentence).ToList());
    }

    /// <summary>Every 25th article contributes questions built from its own sentences, in both languages.</summary>
    private void AddQuestions(int article, GeneratedEntity person, GeneratedEntity org, List<GeneratedSentence> sentences)
    {
        if (article % 25 != 1)
        {
            return;
        }

        var said = sentences.First(s => s.Subject == person);
        var amount = sentences.FirstOrDefault(s => s.Amount is not null && s.Subject == org) ?? sentences.First(s => s.Amount is not null);
        var day = sentences.First(s => s.Day is not null);
        _questions.Add($"What does {person.Name} say about the {said.Object.En}?");
        _questions.Add($"Was sagt {person.Alias} über {said.Object.De}?");
        _questions.Add($"How much does {amount.Subject?.Alias ?? "the " + amount.Object.En} {amount.Verb.En} in {amount.Object.En}?");
        _questions.Add($"Wann {day.Verb.De} {day.Subject?.Alias ?? day.Object.De}?");
        _questions.Add($"Who is {person.Name}?");
        _questions.Add($"Was ist {org.Alias}?");
    }

    private void WriteEntity(GeneratedEntity entity, int article, string roleEn, string roleDe, IEnumerable<string> own, string fallback)
    {
        var citations = own.Take(2).DefaultIfEmpty(fallback);
        _entities.Append(Invariant($"- id: {entity.Id}\n  kind: {entity.Kind}\n  name: \"{entity.Name}\"\n  aliases: [\"{entity.Alias}\"]\n"))
            .Append(Invariant($"  role:\n    en: \"{entity.Name}, {roleEn} in article {article}.\"\n    de: \"{entity.Name}, {roleDe} in Artikel {article}.\"\n"))
            .Append(Invariant($"  citations: [{string.Join(", ", citations)}]\n\n"));
    }

    private void WriteFact(GeneratedEntity person, GeneratedEntity org, string excerptId, string? alsoCites, GeneratedSentence sentence)
    {
        var (kind, by, en, de) = (_factCount % 6) switch
        {
            0 or 3 => ("claimed", person, $"{person.Name} claims that", $"{person.Name} behauptet:"),
            5 => ("rebutted", org, $"{org.Name} rejects the claim that", $"{org.Name} weist zurück:"),
            _ => ("reported", (GeneratedEntity?)null, "The article reports that", "Der Artikel berichtet:"),
        };
        var topic = sentence.Amount is not null ? "funding"
            : sentence.Day is not null ? "timeline"
            : sentence.Place is not null ? "places"
            : by is not null ? "dispute"
            : "people";
        var entities = new[] { by, sentence.Subject }.OfType<GeneratedEntity>().Select(e => e.Id).Distinct().ToList();
        var citations = alsoCites is null ? excerptId : $"{excerptId}, {alsoCites}";
        var text = _facts[topic];
        text.Append(Invariant($"- id: {excerptId}-fact\n  statement:\n    en: \"{en} {Lower(sentence.En)}\"\n    de: \"{de} {sentence.De}\"\n"));
        text.Append(by is null ? "  attribution: {kind: reported}\n" : Invariant($"  attribution: {{kind: {kind}, by: {by.Id}}}\n"));
        if (entities.Count > 0)
        {
            text.Append(Invariant($"  entities: [{string.Join(", ", entities)}]\n"));
        }

        text.Append(Invariant($"  citations: [{citations}]\n\n"));
        _factCount++;
    }

    private void WriteLists(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "excerpts.yaml"), _excerpts.ToString());
        File.WriteAllText(Path.Combine(folder, "entities.yaml"), _entities.ToString());
        File.WriteAllText(Path.Combine(folder, "timeline.yaml"), _timeline.ToString());
        foreach (var (topic, content) in _facts)
        {
            File.WriteAllText(Path.Combine(folder, "facts", topic + ".yaml"), content.ToString());
        }

        File.WriteAllText(Path.Combine(folder, "story.yaml"), StoryProfile);
        File.WriteAllText(Path.Combine(folder, "summary.yaml"), """
            # Generated summary.
            text:
              en: "A thousand generated articles about companies, their investments and their disputes."
              de: "Tausend erzeugte Artikel über Unternehmen, ihre Investitionen und ihre Streitigkeiten."
            citations: [article-0001-p01-1, article-0001-p01-2]

            """);
    }

    private const string StoryProfile = """
        # Generated story profile.
        title: {en: "Generated articles", de: "Erzeugte Artikel"}
        description: {en: "Generated articles about companies.", de: "Erzeugte Artikel über Unternehmen."}
        welcome: {en: "Ask about the generated articles.", de: "Fragen Sie zu den erzeugten Artikeln."}
        help: {en: "I answer questions about generated articles.", de: "Ich beantworte Fragen zu erzeugten Artikeln."}
        who_is_example: {en: "Company 1", de: "Company 1"}
        greeting: {en: "ask about the generated articles.", de: "fragen Sie zu den erzeugten Artikeln."}
        topics:
          funding: {name: {en: "the money", de: "das Geld"}}
          dispute: {name: {en: "the disputes", de: "die Streitigkeiten"}, speakers: true}
          people: {name: {en: "the people", de: "die Personen"}, speakers: true, role: people}
          timeline: {name: {en: "the timeline", de: "den Ablauf"}}
          places: {name: {en: "the places", de: "die Orte"}}

        """;

    private static string SourceMetadata(string id, int article, GeneratedSentence headline, bool flagged)
    {
        var flags = flagged
            ? "flags:\n  - paragraph: 3\n    note:\n      en: \"This paragraph is flagged for the benchmark.\"\n      de: \"Dieser Absatz ist für den Benchmark markiert.\"\n"
            : string.Empty;
        return Invariant($"""
            id: {id}
            title: "{headline.De.TrimEnd('.')}"
            title_en: "{headline.En.TrimEnd('.')}"
            outlet: "Generated outlet {article % 7}"
            language: de
            kind: news-article
            file: {id}.de.txt
            not_content:
              - text: "{TrackingTag}"
                why: "Tracking tag, not article text."

            """) + flags;
    }

    /// <summary>
    /// A sentence about the article's person, its organisation or a common noun, in German and
    /// word for word in English: subject, verb, optional day, amount and place, then objects.
    /// </summary>
    private GeneratedSentence Sentence(GeneratedEntity person, GeneratedEntity org)
    {
        var roll = _random.Next(4);
        var subject = roll switch { 0 => person, 1 => org, _ => null };
        var noun = Pick(Nouns);
        var verb = Pick(Verbs);
        var day = _random.Next(10) < 3 ? Pick(Days) : (WordPair?)null;
        var amount = _random.Next(4) == 0 ? _random.Next(2, 500) : (int?)null;
        var place = _random.Next(10) < 3 ? Pick(Places) : (WordPair?)null;
        var obj = new WordPair($"{Pick(Fillers).De} {Pick(Adjectives).De} {noun.De}", $"{Pick(Fillers).En} {Pick(Adjectives).En} {noun.En}");
        var de = new List<string> { subject?.Name ?? "Die " + Pick(Nouns).De, verb.De };
        var en = new List<string> { subject?.Name ?? "The " + Pick(Nouns).En, verb.En };
        if (day is { } d)
        {
            de.Add(d.De);
            en.Add(d.En);
        }

        if (amount is { } n)
        {
            de.Add(Invariant($"{n} Milliarden Euro"));
            en.Add(Invariant($"{n} billion euros"));
        }

        de.Add(obj.De);
        en.Add(obj.En);
        for (var extra = _random.Next(1, 4); extra > 0; extra--)
        {
            var (filler, adjective, more) = (Pick(Fillers), Pick(Adjectives), Pick(Nouns));
            de.Add($"{filler.De} {adjective.De} {more.De}");
            en.Add($"{filler.En} {adjective.En} {more.En}");
        }

        if (place is { } at)
        {
            de.Add(at.De);
            en.Add(at.En);
        }

        return new GeneratedSentence(string.Join(' ', de) + ".", string.Join(' ', en) + ".", subject, verb, obj, day, amount, place);
    }

    private string NewPersonName()
    {
        while (true)
        {
            var name = $"{Pick(FirstNames)} {InventedWord()}";
            if (_usedNames.Add(name[(name.IndexOf(' ', StringComparison.Ordinal) + 1)..]))
            {
                return name;
            }
        }
    }

    private (string Full, string Short) NewOrganisationName()
    {
        while (true)
        {
            var name = InventedWord();
            if (_usedNames.Add(name))
            {
                return ($"{name} {Pick(OrganisationSuffixes)}", name);
            }
        }
    }

    private string InventedWord()
    {
        var syllables = _random.Next(2, 4);
        var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => Pick(Syllables)));
        return Capital(word);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Lower(string text) =>
        text.StartsWith("The ", StringComparison.Ordinal) ? "the " + text[4..] : text;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record GeneratedEntity(string Id, string Kind, string Name, string? Alias);

    private sealed record GeneratedSentence(
        string De, string En, GeneratedEntity? Subject, WordPair Verb, WordPair Object, WordPair? Day, int? Amount, WordPair? Place);
}
