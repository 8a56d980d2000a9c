using System.Globalization;
using System.Text;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Knowledge.Curation;

/// <summary>A file of a draft pack: its path inside the story's folder and its text.</summary>
public sealed record DraftFile(string RelativePath, string Content);

/// <summary>
/// Writes a draft knowledge pack from an article: the article kept byte for byte, one excerpt per
/// sentence, candidate entities and timeline entries, and a placeholder (<see cref="DraftText"/>)
/// wherever only a curator can write the text (renderings, roles, statements, the story's own
/// texts). The loader refuses a pack while any placeholder is left, so a draft is never served.
/// </summary>
public static class DraftPack
{
    private const string SchemaLine = "# yaml-language-server: $schema=";

    /// <summary>The topic of the draft's one fact file, defined in its story.yaml.</summary>
    private const string DraftTopic = "people";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<DraftFile> Create(string article, string storyId, string language)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentException.ThrowIfNullOrWhiteSpace(storyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        var english = language == "en";
        var textFile = $"{storyId}.{language}.txt";
        var paragraphs = SourceParagraphs.Split(article, []).Paragraphs;
        var excerpts = Excerpts(paragraphs);
        var names = CandidateNames.Find(excerpts);
        var first = excerpts.Count > 0 ? excerpts[0].Id : "p01-s1";

        return
        [
            new($"sources/{textFile}", article),
            new($"sources/{storyId}.yaml", Source(storyId, textFile, language, paragraphs.Count > 0 ? paragraphs[0] : storyId, english)),
            new("excerpts.yaml", ExcerptsFile(storyId, excerpts, english)),
            new("entities.yaml", EntitiesFile(names)),
            new($"facts/{DraftTopic}.yaml", FactsFile(names, first)),
            new("timeline.yaml", TimelineFile(excerpts, first)),
            new("summary.yaml", SummaryFile(first)),
            new("story.yaml", StoryFile()),
        ];
    }

    /// <summary>One excerpt per sentence, with ids that say where it stands ("p03-s2").</summary>
    public static IReadOnlyList<DraftExcerpt> Excerpts(IReadOnlyList<string> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        return [.. paragraphs.SelectMany((paragraph, p) => SentenceSplitter.Split(paragraph)
            .Select((sentence, s) => new DraftExcerpt(string.Create(CultureInfo.InvariantCulture, $"p{p + 1:00}-s{s + 1}"), p + 1, sentence)))];
    }

    private static string Source(string id, string textFile, string language, string title, bool english)
    {
        var yaml = Header("../../schemas/source.schema.json", "Metadata of the source. Check the title, name the outlet, and list page furniture under not_content.");
        yaml.AppendLine(Invariant, $"id: {id}");
        yaml.AppendLine(Invariant, $"title: {Quote(title.ReplaceLineEndings(" "))}");
        if (!english)
        {
            yaml.AppendLine(Invariant, $"title_en: {Quote(DraftText.Placeholder("the title in English"))}");
        }

        yaml.AppendLine(Invariant, $"outlet: {Quote(DraftText.Placeholder("who published it"))}");
        yaml.AppendLine(Invariant, $"language: {language}");
        yaml.AppendLine("kind: news-article");
        yaml.AppendLine(Invariant, $"file: {textFile}");
        return yaml.ToString();
    }

    private static string ExcerptsFile(string sourceId, IReadOnlyList<DraftExcerpt> excerpts, bool english)
    {
        var yaml = Header("../schemas/excerpts.schema.json", "One excerpt per sentence of the article. Keep the quotes verbatim; write each English rendering; delete excerpts no fact needs, merge or split where a sentence was cut wrongly.");
        foreach (var excerpt in excerpts)
        {
            yaml.AppendLine();
            yaml.AppendLine(Invariant, $"# paragraph {excerpt.Paragraph}, characters {excerpt.Sentence.Start}-{excerpt.Sentence.End}");
            yaml.AppendLine(Invariant, $"- id: {excerpt.Id}");
            yaml.AppendLine(Invariant, $"  source: {sourceId}");
            yaml.AppendLine(Invariant, $"  quote: {Quote(excerpt.Sentence.Text)}");
            yaml.AppendLine(Invariant, $"  translation: {Quote(english ? excerpt.Sentence.Text : DraftText.Placeholder("the English rendering"))}");
        }

        return yaml.ToString();
    }

    private static string EntitiesFile(IReadOnlyList<CandidateName> names)
    {
        var yaml = Header("../schemas/entities.schema.json", "Candidate names found in the article: keep the ones the story is about, set each kind, write the roles, add aliases people type.");
        foreach (var name in names)
        {
            yaml.AppendLine();
            yaml.AppendLine(Invariant, $"- id: {EntityId(name.Name)}");
            yaml.AppendLine("  kind: organisation   # person | organisation | project | place | event | product");
            yaml.AppendLine(Invariant, $"  name: {Quote(name.Name)}");
            yaml.AppendLine("  role:");
            yaml.AppendLine(Invariant, $"    en: {Quote(DraftText.Placeholder("who or what this is in the story, in one sentence"))}");
            yaml.AppendLine(Invariant, $"    de: {Quote(DraftText.Placeholder("dasselbe auf Deutsch"))}");
            yaml.AppendLine(Invariant, $"  citations: [{string.Join(", ", name.ExcerptIds)}]");
        }

        return yaml.ToString();
    }

    private static string FactsFile(IReadOnlyList<CandidateName> names, string firstExcerpt)
    {
        var yaml = Header("../../schemas/facts.schema.json", "One fact, one thing said, with who says it. Start here with the people; add a topic to story.yaml and its facts/<topic>.yaml for each other subject the story needs (the money, a dispute, the places).");
        var subjects = names.Count > 0 ? names.Take(3).ToList() : [new CandidateName("story", [firstExcerpt])];
        foreach (var subject in subjects)
        {
            yaml.AppendLine();
            yaml.AppendLine(Invariant, $"- id: {DraftTopic}-{EntityId(subject.Name)}");
            yaml.AppendLine("  statement:");
            yaml.AppendLine(Invariant, $"    en: {Quote(DraftText.Placeholder($"what the article says about {subject.Name}, as a sentence that can stand alone"))}");
            yaml.AppendLine(Invariant, $"    de: {Quote(DraftText.Placeholder("dasselbe auf Deutsch"))}");
            yaml.AppendLine("  attribution: {kind: reported}");
            if (names.Count > 0)
            {
                yaml.AppendLine(Invariant, $"  entities: [{EntityId(subject.Name)}]");
            }

            yaml.AppendLine(Invariant, $"  citations: [{subject.ExcerptIds[0]}]");
        }

        return yaml.ToString();
    }

    private static string TimelineFile(IReadOnlyList<DraftExcerpt> excerpts, string firstExcerpt)
    {
        var yaml = Header("../schemas/timeline.schema.json", "Sentences that say when something happened. Use the article's own days; order goes up in steps of 10.");
        var dated = excerpts.Select(e => (Excerpt: e, When: TimeWords.FirstIn(e.Sentence.Text))).Where(d => d.When is not null).ToList();
        if (dated.Count == 0)
        {
            dated.Add((excerpts.Count > 0 ? excerpts[0] : new DraftExcerpt(firstExcerpt, 1, new Sentence(string.Empty, 0)), null));
        }

        for (var i = 0; i < dated.Count; i++)
        {
            var (excerpt, when) = dated[i];
            yaml.AppendLine();
            yaml.AppendLine(Invariant, $"- id: day-{excerpt.Id}");
            yaml.AppendLine(Invariant, $"  order: {(i + 1) * 10}");
            yaml.AppendLine(Invariant, $"  day: {{en: {Quote(DraftText.Placeholder("the day in English"))}, de: {Quote(when ?? DraftText.Placeholder("der Tag"))}}}");
            yaml.AppendLine("  event:");
            yaml.AppendLine(Invariant, $"    en: {Quote(DraftText.Placeholder("what happened"))}");
            yaml.AppendLine(Invariant, $"    de: {Quote(DraftText.Placeholder("was geschah"))}");
            yaml.AppendLine(Invariant, $"  citations: [{excerpt.Id}]");
        }

        return yaml.ToString();
    }

    private static string SummaryFile(string firstExcerpt)
    {
        var yaml = Header("../schemas/summary.schema.json", "Three to five sentences in each language, with the excerpts they rest on.");
        yaml.AppendLine("text:");
        yaml.AppendLine(Invariant, $"  en: {Quote(DraftText.Placeholder("the story in three to five sentences"))}");
        yaml.AppendLine(Invariant, $"  de: {Quote(DraftText.Placeholder("die Geschichte in drei bis fünf Sätzen"))}");
        yaml.AppendLine(Invariant, $"citations: [{firstExcerpt}]");
        return yaml.ToString();
    }

    private static string StoryFile()
    {
        var yaml = Header("../schemas/story.schema.json", "What the bot says about this story in its own words.");
        foreach (var key in new[] { "title", "description", "welcome", "help", "who_is_example", "greeting" })
        {
            yaml.AppendLine(Invariant, $"{key}:");
            yaml.AppendLine(Invariant, $"  en: {Quote(DraftText.Placeholder(key.Replace('_', ' ')))}");
            yaml.AppendLine(Invariant, $"  de: {Quote(DraftText.Placeholder(key.Replace('_', ' ')))}");
        }

        // The draft's one fact file is the people's; a curator adds a topic here for each fact file added.
        yaml.AppendLine("topics:");
        yaml.AppendLine(Invariant, $"  {DraftTopic}:");
        yaml.AppendLine("    name:");
        yaml.AppendLine(Invariant, $"      en: {Quote(DraftText.Placeholder("how the story names the people and companies it is about"))}");
        yaml.AppendLine(Invariant, $"      de: {Quote(DraftText.Placeholder("dasselbe auf Deutsch"))}");
        yaml.AppendLine("    role: people");
        yaml.AppendLine("    speakers: true");

        yaml.AppendLine("synonyms: []");
        return yaml.ToString();
    }

    private static StringBuilder Header(string schema, string comment) =>
        new StringBuilder().AppendLine(SchemaLine + schema).AppendLine("# Draft written by storybot curate draft. " + comment);

    /// <summary>A YAML double-quoted scalar: the text exactly, whatever it holds.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    private static string EntityId(string name)
    {
        var id = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            id.Append(c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            });
        }

        return id.ToString().Trim('-');
    }
}
