using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// A small valid pack written to a temporary story folder <c>story/story</c>; tests overwrite single files
/// to introduce the problem they are about. Line numbers in the fixtures are stable and asserted on.
/// </summary>
internal sealed class FixturePack : IDisposable
{
    public const string SourceText = """
        Musk und Altman streiten über Stargate

        Stargate soll bis zu 500 Milliarden US-Dollar kosten. Die Partner haben zunächst 100 Milliarden US-Dollar zugesagt.

        tch-1-tech

        „Sie haben eigentlich nicht das Geld“, schrieb Musk am Dienstag.

        Altman antwortete am Mittwoch: „Falsch, wie Sie sicherlich wissen.“
        """;

    public const string Source = """
        id: story
        title: "Musk und Altman streiten über Stargate"
        title_en: "Musk and Altman fight over Stargate"
        outlet: "Example Outlet"
        language: de
        kind: news-article
        file: story.de.txt
        not_content:
          - text: "tch-1-tech"
            why: "Stray tracking tag."
        flags:
          - paragraph: 4
            note:
              en: "Example flag."
              de: "Beispielmarkierung."
        """;

    public const string Excerpts = """
        - id: headline
          source: story
          quote: "Musk und Altman streiten über Stargate"
          translation: "Musk and Altman fight over Stargate"

        - id: up-to-500bn
          source: story
          quote: "Stargate soll bis zu 500 Milliarden US-Dollar kosten."
          translation: "Stargate is to cost up to $500 billion."

        - id: committed-100bn
          source: story
          quote: "Die Partner haben zunächst 100 Milliarden US-Dollar zugesagt."
          translation: "The partners have committed $100 billion at first."

        - id: no-money
          source: story
          quote: "„Sie haben eigentlich nicht das Geld“, schrieb Musk am Dienstag."
          translation: "“They don't actually have the money,” Musk wrote on Tuesday."

        - id: wrong
          source: story
          quote: "„Falsch, wie Sie sicherlich wissen.“"
          translation: "“Wrong, as you surely know.”"
        """;

    public const string Entities = """
        - id: musk
          kind: person
          name: Elon Musk
          aliases: [Musk, Elon]
          role:
            en: "Claims Stargate lacks the money."
            de: "Behauptet, Stargate fehle das Geld."
          citations: [no-money]

        - id: altman
          kind: person
          name: Sam Altman
          aliases: [Altman, Altmann]
          role:
            en: "Rebuts Musk."
            de: "Widerspricht Musk."
          citations: [wrong]

        - id: stargate
          kind: project
          name: Stargate
          role:
            en: "Data centre project."
            de: "Rechenzentrumsprojekt."
          citations: [up-to-500bn, committed-100bn]
        """;

    public const string FundingFacts = """
        - id: up-to-500bn
          statement:
            en: "Stargate is to cost up to $500 billion."
            de: "Stargate soll bis zu 500 Milliarden US-Dollar kosten."
          attribution:
            kind: reported
          entities: [stargate]
          citations: [up-to-500bn]

        - id: musk-no-money
          statement:
            en: "Musk claims they do not have the money."
            de: "Musk behauptet, sie hätten das Geld nicht."
          attribution:
            kind: claimed
            by: musk
          entities: [musk, stargate]
          citations: [no-money]
        """;

    public const string DisputeFacts = """
        - id: altman-wrong
          statement:
            en: "Altman says Musk is wrong."
            de: "Altman sagt, Musk liege falsch."
          attribution:
            kind: rebutted
            by: altman
          entities: [altman, musk]
          citations: [wrong]
        """;

    public const string Timeline = """
        - id: tuesday-musk
          order: 1
          day:
            en: Tuesday
            de: Dienstag
          event:
            en: "Musk says they do not have the money."
            de: "Musk sagt, sie hätten das Geld nicht."
          citations: [no-money]

        - id: wednesday-altman
          order: 2
          day:
            en: Wednesday
            de: Mittwoch
          event:
            en: "Altman replies."
            de: "Altman antwortet."
          citations: [wrong]
        """;

    public const string Summary = """
        text:
          en: "Musk and Altman fight over Stargate's money."
          de: "Musk und Altman streiten über das Geld von Stargate."
        citations: [headline, no-money, wrong]
        """;

    public const string Story = """
        # yaml-language-server: $schema=../schemas/story.schema.json
        title:
          en: "Musk and Altman fight over Stargate"
          de: "Musk und Altman streiten über Stargate"
        description:
          en: "Musk and Altman fighting over Stargate's money."
          de: "Musk und Altman streiten über das Geld von Stargate."
        welcome:
          en: "Ask me about Musk, Altman and Stargate."
          de: "Fragen Sie mich zu Musk, Altman und Stargate."
        help:
          en: "I answer questions about Musk, Altman and Stargate."
          de: "Ich beantworte Fragen zu Musk, Altman und Stargate."
        who_is_example:
          en: "Sam Altman"
          de: "Sam Altman"
        greeting:
          en: "ask about Musk and Altman."
          de: "fragen Sie nach Musk und Altman."
        topics:
          funding:
            name: {en: "the money", de: "das Geld"}
            heading: {en: "The money behind Stargate", de: "Das Geld hinter Stargate"}
            command:
              name: {en: "funding", de: "finanzierung"}
              description: {en: "The money behind Stargate.", de: "Das Geld hinter Stargate."}
              help: {en: "the money and who says so", de: "das Geld und wer es nennt"}
            summary:
              label: {en: "The money:", de: "Das Geld:"}
              figures_only: true
          dispute:
            name: {en: "the dispute", de: "den Streit"}
            command:
              name: {en: "dispute", de: "streit"}
              description: {en: "The dispute.", de: "Der Streit."}
              help: {en: "both sides", de: "beide Seiten"}
            summary:
              label: {en: "The dispute:", de: "Der Streit:"}
              article_voice_first: true
            speakers: true
          people:
            name: {en: "the people", de: "die Personen"}
            speakers: true
            role: people
          timeline:
            name: {en: "what happened when", de: "was wann geschah"}
          places:
            name: {en: "the places", de: "die Orte"}
        """;

    private readonly string _parent;

    public FixturePack()
    {
        _parent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "storybot-pack-" + Guid.NewGuid().ToString("N"));
        KnowledgeFolder = System.IO.Path.Combine(_parent, "knowledge");
        Path = System.IO.Path.Combine(KnowledgeFolder, "story");
        Write("sources/story.yaml", Source);
        Write("sources/story.de.txt", SourceText);
        Write("excerpts.yaml", Excerpts);
        Write("entities.yaml", Entities);
        Write("facts/funding.yaml", FundingFacts);
        Write("facts/dispute.yaml", DisputeFacts);
        Write("timeline.yaml", Timeline);
        Write("summary.yaml", Summary);
        Write("story.yaml", Story);
    }

    /// <summary>The story's folder; its name, <c>story</c>, is the fixture story's id and starts every message's path.</summary>
    public string Path { get; }

    /// <summary>The knowledge folder holding the fixture story and nothing else, as <c>Knowledge:Path</c> names it.</summary>
    public string KnowledgeFolder { get; }

    /// <summary>A content root under which the default <c>Knowledge:Path</c>, <c>knowledge</c>, is this fixture's knowledge folder.</summary>
    public string ContentRoot => _parent;

    /// <summary>A copy of the repository's real source and excerpts, completed with this fixture's curated files citing real excerpt ids.</summary>
    public static FixturePack WithRealSourceAndExcerpts()
    {
        var pack = new FixturePack();
        pack.Delete("sources/story.yaml");
        pack.Delete("sources/story.de.txt");
        foreach (var file in Directory.EnumerateFiles(System.IO.Path.Combine(RepoRoot.Story, "sources")))
        {
            File.Copy(file, System.IO.Path.Combine(pack.Path, "sources", System.IO.Path.GetFileName(file)));
        }

        File.Copy(System.IO.Path.Combine(RepoRoot.Story, "excerpts.yaml"), System.IO.Path.Combine(pack.Path, "excerpts.yaml"), overwrite: true);
        pack.Write("entities.yaml", Entities
            .Replace("[no-money]", "[musk-they-dont-have-the-money]", StringComparison.Ordinal)
            .Replace("[wrong]", "[altman-wrong]", StringComparison.Ordinal)
            .Replace("[up-to-500bn, committed-100bn]", "[stargate-up-to-500bn, partners-committed-100bn]", StringComparison.Ordinal));
        pack.Write("facts/funding.yaml", FundingFacts
            .Replace("citations: [up-to-500bn]", "citations: [stargate-up-to-500bn]", StringComparison.Ordinal)
            .Replace("[no-money]", "[musk-they-dont-have-the-money]", StringComparison.Ordinal));
        pack.Write("facts/dispute.yaml", DisputeFacts.Replace("[wrong]", "[altman-wrong]", StringComparison.Ordinal));
        pack.Write("timeline.yaml", Timeline
            .Replace("[no-money]", "[musk-they-dont-have-the-money]", StringComparison.Ordinal)
            .Replace("[wrong]", "[altman-wrong]", StringComparison.Ordinal));
        pack.Write("summary.yaml", Summary.Replace("[headline, no-money, wrong]", "[headline, musk-they-dont-have-the-money, altman-wrong]", StringComparison.Ordinal));
        return pack;
    }

    public void Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n") + "\n");
    }

    /// <summary>Replaces exactly one occurrence of <paramref name="from"/> in a file; fails the test if it is not there once.</summary>
    public void Edit(string relativePath, string from, string to)
    {
        var text = Read(relativePath);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"'{from}' must occur exactly once in {relativePath}");
        File.WriteAllText(System.IO.Path.Combine(Path, relativePath), string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length)));
    }

    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS eventually.
        }
    }
}
