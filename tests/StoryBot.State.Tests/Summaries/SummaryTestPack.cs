using StoryBot.Core.Knowledge;
using YamlDotNet.Serialization;

namespace StoryBot.State.Tests.Summaries;

/// <summary>
/// A hand-built pack around the real excerpts of knowledge/stargate-dispute/excerpts.yaml and the real source
/// text: facts, timeline and summary are written here, the quotes are the repository's own.
/// </summary>
internal static class SummaryTestPack
{
    public const string SourceId = "stargate-dispute";

    private static readonly Lazy<(SourceDocument Source, IReadOnlyList<Excerpt> Excerpts)> Real = new(LoadReal);

    public static KnowledgePack Build(string version = "pack-1")
    {
        var (source, excerpts) = Real.Value;
        Entity Person(string id, string name) => new()
        {
            Id = id,
            Kind = EntityKind.Person,
            Name = name,
            Aliases = [],
            Role = new LocalizedText(name, name),
            Citations = [],
        };

        Fact[] facts =
        [
            Fact("up-to-500bn", "funding", "Stargate would channel up to $500 billion into data centres for OpenAI.",
                "Stargate soll bis zu 500 Milliarden US-Dollar in Rechenzentren für OpenAI lenken.",
                new Attribution(AttributionKind.Announced, null), "stargate-up-to-500bn"),
            Fact("investors", "funding", "SoftBank and MGX are among the investors.",
                "SoftBank und MGX gehören zu den Investoren.",
                new Attribution(AttributionKind.Reported, null), "partners-committed-100bn"),
            Fact("softbank-under-10bn", "funding", "Musk says SoftBank has secured well under $10 billion.",
                "Musk sagt, SoftBank habe sich deutlich weniger als 10 Milliarden US-Dollar gesichert.",
                new Attribution(AttributionKind.Claimed, "musk"), "musk-softbank-under-10bn"),
            Fact("committed-100bn", "funding", "The partners have committed $100 billion at first.",
                "Die Partner haben zunächst 100 Milliarden US-Dollar zugesagt.",
                new Attribution(AttributionKind.Reported, null), "partners-committed-100bn"),
            Fact("xai-12bn", "funding", "xAI is estimated to have spent $12 billion on its Memphis data centre.",
                "xAI hat Schätzungen zufolge 12 Milliarden US-Dollar für sein Rechenzentrum in Memphis ausgegeben.",
                new Attribution(AttributionKind.Estimated, null), "xai-memphis-12bn"),
            Fact("musk-no-money", "dispute", "Musk claims Stargate does not have the money.",
                "Musk behauptet, Stargate habe das Geld nicht.",
                new Attribution(AttributionKind.Claimed, "musk"), "musk-claims-no-money", "musk-they-dont-have-the-money"),
            Fact("altman-wrong", "dispute", "Altman replied that Musk is wrong.",
                "Altman antwortete, Musk liege falsch.",
                new Attribution(AttributionKind.Rebutted, "altman"), "altman-wrong"),
            Fact("nadella-garbled", "dispute", "Nadella commented on Musk's claims.", "Nadella äußerte sich zu Musks Behauptungen.",
                new Attribution(AttributionKind.Reported, null), "nadella-davos-garbled"),
            Fact("musk-not-neutral", "dispute", "The article points out that Musk is not a neutral party.",
                "Der Artikel betont, dass Musk keine neutrale Partei ist.",
                new Attribution(AttributionKind.Reported, null), "musk-not-neutral"),
        ];
        return new KnowledgePack(
            StoryBot.Testing.TestStoryProfile.Create(),
            [source],
            excerpts,
            [Person("musk", "Elon Musk"), Person("altman", "Sam Altman")],
            facts,
            [
                Timeline(10, "Monday", "Montag", "DOGE is made more official.", "DOGE wird offizieller.", "doge-executive-order"),
                Timeline(30, "Tuesday", "Dienstag", "Stargate is announced at the White House.", "Stargate wird im Weißen Haus angekündigt.", "stargate-up-to-500bn"),
                Timeline(40, "Tuesday", "Dienstag", "Musk claims on X that Stargate lacks the money and SoftBank has under $10 billion.",
                    "Musk behauptet auf X, Stargate fehle das Geld und SoftBank habe weniger als 10 Milliarden US-Dollar.",
                    "musk-they-dont-have-the-money", "musk-softbank-under-10bn"),
                Timeline(50, "Wednesday", "Mittwoch", "Altman fires back on X: Musk is wrong.", "Altman kontert auf X: Musk liege falsch.",
                    "altman-fires-back", "altman-wrong"),
            ],
            new StorySummary(
                new LocalizedText(
                    "Elon Musk and Sam Altman are fighting on X over Stargate, OpenAI's data-centre project.",
                    "Elon Musk und Sam Altman streiten auf X über Stargate, das Rechenzentrumsprojekt von OpenAI."),
                ["dek", "stargate-up-to-500bn", "musk-softbank-under-10bn", "altman-wrong"]),
            version);
    }

    public static Excerpt Excerpt(string id) => Real.Value.Excerpts.Single(e => e.Id == id);

    /// <summary>
    /// <paramref name="good"/> as version <c>pack-tampered</c>, with the $500 billion of excerpt
    /// <c>stargate-up-to-500bn</c> misquoted as $600 billion.
    /// </summary>
    public static KnowledgePack Misquoted(KnowledgePack good) => new(
        good.Story,
        good.Sources,
        [.. good.Excerpts.Select(e => e.Id == "stargate-up-to-500bn" ? e with { Quote = e.Quote.Replace("500", "600", StringComparison.Ordinal) } : e)],
        good.Entities,
        good.Facts,
        good.Timeline,
        good.Summary,
        "pack-tampered");

    private static Fact Fact(string id, string topic, string en, string de, Attribution attribution, params string[] citations) => new()
    {
        Id = id,
        Topic = topic,
        Statement = new LocalizedText(en, de),
        Attribution = attribution,
        Citations = citations,
    };

    private static TimelineEntry Timeline(int order, string dayEn, string dayDe, string en, string de, params string[] citations) => new()
    {
        Id = $"t{order}",
        Order = order,
        Day = new LocalizedText(dayEn, dayDe),
        Event = new LocalizedText(en, de),
        Citations = citations,
    };

    /// <summary>
    /// <paramref name="pack"/> with a follow-up source published at <paramref name="published"/>: a
    /// short text written for the tests, not a real article.
    /// </summary>
    public static KnowledgePack WithFollowUp(KnowledgePack pack, DateTimeOffset published)
    {
        const string Text = "Altman legt im Streit um Stargate nach.";
        var followUp = new SourceDocument
        {
            Id = "follow-up",
            Title = "Altman legt nach",
            Outlet = "Test Wire",
            Language = "de",
            Kind = "news-article",
            Published = published,
            RawText = Text,
            Paragraphs = [new Paragraph(1, Text)],
        };
        var excerpt = new Excerpt { Id = "follow-up-1", SourceId = followUp.Id, Quote = Text, Translation = "Altman doubles down in the Stargate dispute.", Paragraph = 1, Start = 0 };
        return new KnowledgePack(pack.Story, [.. pack.Sources, followUp], [.. pack.Excerpts, excerpt], pack.Entities, pack.Facts, pack.Timeline, pack.Summary, pack.Version + "+follow-up");
    }

    private static (SourceDocument, IReadOnlyList<Excerpt>) LoadReal()
    {
        var root = RepositoryRoot();
        var raw = File.ReadAllText(Path.Combine(root, "knowledge", "stargate-dispute", "sources", "stargate-dispute.de.txt"));

        // Content paragraphs: blank-line separated, without the stray page tag the source metadata excludes.
        var texts = raw.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(text => text != "tch-1-tech")
            .ToList();
        var paragraphs = texts.Select((text, index) => new Paragraph(
            index + 1,
            text,
            text.Contains("Satya Nadella", StringComparison.Ordinal)
                ? new LocalizedText("Garbled in the source.", "In der Quelle verstümmelt.")
                : null)).ToList();

        var entries = new DeserializerBuilder().Build()
            .Deserialize<List<Dictionary<string, object>>>(File.ReadAllText(Path.Combine(root, "knowledge", "stargate-dispute", "excerpts.yaml")))
            .Select(entry => entry.Where(e => e.Value is string).ToDictionary(e => e.Key, e => (string)e.Value))
            .ToList();
        var excerpts = entries.Select(entry =>
        {
            var quote = entry["quote"];
            var paragraph = paragraphs.First(p => p.Text.Contains(quote, StringComparison.Ordinal));
            return new Excerpt
            {
                Id = entry["id"],
                SourceId = entry["source"],
                Quote = quote,
                Translation = entry["translation"],
                Paragraph = paragraph.Number,
                Start = paragraph.Text.IndexOf(quote, StringComparison.Ordinal),
            };
        }).ToList();

        var source = new SourceDocument
        {
            Id = SourceId,
            Title = texts[0],
            Outlet = "TechCrunch (German translation)",
            Language = "de",
            Kind = "news-article",
            RawText = raw,
            Paragraphs = paragraphs,
        };
        return (source, excerpts);
    }

    public static string RepositoryRoot() => StoryBot.Testing.RepositoryFiles.Root;
}
