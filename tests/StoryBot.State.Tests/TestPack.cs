using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Tests;

/// <summary>A small hand-built pack: source "article" with excerpts a-1 and a-2, source "blog" with b-1.</summary>
internal static class TestPack
{
    /// <param name="renamed">Ids to give other names (old → new), as a later version of a pack might.</param>
    public static KnowledgePack Create(IReadOnlyDictionary<string, string>? renamed = null)
    {
        SourceDocument[] sources = [Source("article", "Streit um Stargate", "Beispielzeitung"), Source("blog", "Ein Blog", "Beispielblog")];
        Excerpt[] excerpts =
        [
            Excerpt("a-1", "article", 1, "Musk schrieb auf X.", "Musk wrote on X."),
            Excerpt("a-2", "article", 2, "Altman widersprach.", "Altman disagreed."),
            Excerpt("b-1", "blog", 1, "Das Projekt kostet viel.", "The project costs a lot."),
        ];
        if (renamed is not null)
        {
            excerpts = [.. excerpts.Select(e => renamed.TryGetValue(e.Id, out var name) ? e with { Id = name } : e)];
        }

        var summaryExcerpt = excerpts[0].Id;
        return new KnowledgePack(StoryBot.Testing.TestStoryProfile.Create(), sources, excerpts, [], [], [], new StorySummary(new LocalizedText("Summary", "Zusammenfassung"), [summaryExcerpt]), renamed is null ? "test-1" : "test-renamed");
    }

    public static Citation Cite(string excerptId)
    {
        var excerpt = Create().Excerpt(excerptId);
        return new Citation(excerpt.Id, excerpt.SourceId, excerpt.Paragraph, excerpt.Quote, excerpt.Translation, "the article");
    }

    public static Reply Answer(string question, Language language, params string[] excerptIds) => new()
    {
        Question = question,
        Language = language,
        Kind = ReplyKind.Answer,
        Body = [TextRun.Plain(language == Language.German ? "Die Antwort." : "The answer."), TextRun.User(question)],
        Citations = [.. excerptIds.Select(Cite)],
    };

    private static SourceDocument Source(string id, string title, string outlet) => new()
    {
        Id = id,
        Title = title,
        Outlet = outlet,
        Language = "de",
        Kind = "article",
        RawText = "text",
        Paragraphs = [new Paragraph(1, "p1"), new Paragraph(2, "p2")],
    };

    private static Excerpt Excerpt(string id, string source, int paragraph, string quote, string translation) => new()
    {
        Id = id,
        SourceId = source,
        Quote = quote,
        Translation = translation,
        Paragraph = paragraph,
        Start = 0,
    };
}
