using System.Globalization;
using System.Text;

namespace StoryBot.Benchmarks.Knowledge;

/// <summary>
/// Writes a valid knowledge pack of many generated German-like articles, for measuring load and
/// answering at scale. Deterministic for a given seed. With 1,000 articles of 50 paragraphs it holds
/// 50,000 excerpts, 5,000 entities, 10,000 facts and 3,000 timeline entries.
/// </summary>
public static class SyntheticPack
{
    private static readonly string[] Words =
    [
        "Rechenzentrum", "Investoren", "Milliarden", "Projekt", "Regierung", "Unternehmen", "Partner", "Vertrag",
        "Energie", "Infrastruktur", "Modelle", "Daten", "Netz", "Strom", "Kapital", "Anleger", "Börse", "Aufsicht",
        "Gericht", "Klage", "Beitrag", "Interview", "Konferenz", "Präsident", "Behörde", "Kommission", "Stadt",
        "baut", "plant", "sagt", "behauptet", "meldet", "investiert", "bestätigt", "bestreitet", "kündigt", "erwartet",
        "neue", "große", "erste", "schnelle", "teure", "offene", "lange", "kleine", "deutliche", "zusätzliche",
        "der", "die", "das", "und", "mit", "für", "in", "auf", "nach", "über", "von", "bei", "im", "am", "zum",
        "Montag", "Dienstag", "Mittwoch", "Texas", "Berlin", "Hamburg", "Memphis", "Davos", "Europa", "Asien",
    ];

    private static readonly string[] Topics = ["funding", "dispute", "people", "timeline", "places"];

    public static void Write(string folder, int articles, int paragraphsPerArticle = 50, int seed = 1)
    {
        var random = new Random(seed);
        Directory.CreateDirectory(Path.Combine(folder, "sources"));
        Directory.CreateDirectory(Path.Combine(folder, "facts"));
        var excerpts = new StringBuilder();
        var entities = new StringBuilder();
        var timeline = new StringBuilder();
        var facts = Topics.ToDictionary(t => t, _ => new StringBuilder());

        for (var a = 1; a <= articles; a++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"article-{a:D4}");
            var text = new StringBuilder();
            text.Append(Sentence(random, a, 0, 0).TrimEnd('.')).Append("\n\n");
            var quotes = new List<string>();
            for (var p = 1; p <= paragraphsPerArticle; p++)
            {
                var sentences = Enumerable.Range(0, 3).Select(s => Sentence(random, a, p, s)).ToArray();
                text.Append(string.Join(' ', sentences)).Append("\n\n");
                quotes.Add(sentences[1]);
            }

            text.Append("\ntch-1-tech");
            File.WriteAllText(Path.Combine(folder, "sources", id + ".de.txt"), text.ToString());
            File.WriteAllText(Path.Combine(folder, "sources", id + ".yaml"), $"""
                id: {id}
                title: "Artikel {a}"
                title_en: "Article {a}"
                outlet: "Generated"
                language: de
                kind: news-article
                file: {id}.de.txt
                not_content:
                  - text: "tch-1-tech"
                    why: "Tracking tag."
                flags:
                  - paragraph: 2
                    note:
                      en: "Generated flag."
                      de: "Erzeugte Markierung."

                """);

            for (var p = 1; p <= quotes.Count; p++)
            {
                excerpts.Append(CultureInfo.InvariantCulture, $"""
                    - id: {id}-p{p:D2}
                      source: {id}
                      quote: "{quotes[p - 1]}"
                      translation: "Generated sentence {p} of article {a}."

                    """);
            }

            for (var e = 1; e <= 5; e++)
            {
                entities.Append(CultureInfo.InvariantCulture, $"""
                    - id: {id}-e{e}
                      kind: {(e % 2 == 0 ? "organisation" : "person")}
                      name: "Name {a} {e}"
                      aliases: ["Alias {a} {e}", "Spitzname {a} {e}"]
                      role:
                        en: "Role {e} in article {a}."
                        de: "Rolle {e} in Artikel {a}."
                      citations: [{id}-p{e:D2}, {id}-p{e + 5:D2}]

                    """);
            }

            for (var f = 1; f <= 10; f++)
            {
                facts[Topics[f % Topics.Length]].Append(CultureInfo.InvariantCulture, $"""
                    - id: {id}-f{f:D2}
                      statement:
                        en: "Statement {f} of article {a}."
                        de: "Aussage {f} von Artikel {a}."
                      attribution:
                        kind: {(f % 3 == 0 ? "reported" : "claimed")}
                        {(f % 3 == 0 ? "" : $"by: {id}-e{1 + (f % 5)}")}
                      entities: [{id}-e{1 + (f % 5)}]
                      citations: [{id}-p{f:D2}]

                    """);
            }

            for (var t = 1; t <= 3; t++)
            {
                timeline.Append(CultureInfo.InvariantCulture, $"""
                    - id: {id}-t{t}
                      order: {(a * 10) + t}
                      day:
                        en: Day {t}
                        de: Tag {t}
                      event:
                        en: "Event {t} of article {a}."
                        de: "Ereignis {t} von Artikel {a}."
                      citations: [{id}-p{t + 10:D2}]

                    """);
            }
        }

        File.WriteAllText(Path.Combine(folder, "excerpts.yaml"), excerpts.ToString());
        File.WriteAllText(Path.Combine(folder, "entities.yaml"), entities.ToString());
        File.WriteAllText(Path.Combine(folder, "timeline.yaml"), timeline.ToString());
        foreach (var (topic, content) in facts)
        {
            File.WriteAllText(Path.Combine(folder, "facts", topic + ".yaml"), content.ToString());
        }

        File.WriteAllText(Path.Combine(folder, "summary.yaml"), """
            text:
              en: "Generated articles."
              de: "Erzeugte Artikel."
            citations: [article-0001-p01, article-0001-p02]

            """);
    }

    /// <summary>A sentence unique to its article, paragraph and position, so every quote has one place.</summary>
    private static string Sentence(Random random, int article, int paragraph, int index)
    {
        var words = Enumerable.Range(0, random.Next(8, 17)).Select(_ => Words[random.Next(Words.Length)]).ToList();
        words.Insert(random.Next(words.Count), string.Create(CultureInfo.InvariantCulture, $"A{article}P{paragraph}S{index}"));
        var sentence = string.Join(' ', words);
        return char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
    }
}
