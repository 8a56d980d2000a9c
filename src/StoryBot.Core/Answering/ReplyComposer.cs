using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.Core.Answering;

/// <summary>
/// Turns answer points into a reply: keeps only excerpts the moderators allow, attributes
/// every quote, and abstains when nothing citable is left. Its quotes are checked against their
/// source by <see cref="Conversation.ChatBot"/>, the one gate every command's reply passes.
/// </summary>
internal static class ReplyComposer
{
    /// <summary>An abstention points to what the story covers; a long list of names would bury that.</summary>
    private const int MaxNamesListed = 12;

    public static Reply Compose(
        string question,
        Language language,
        LocalizedText? heading,
        IReadOnlyList<AnswerPoint> points,
        KnowledgePack pack,
        CitationFilter filter)
    {
        var citations = new List<Citation>();
        var kept = new List<AnswerPoint>();
        var withdrawn = false;
        foreach (var point in points)
        {
            var allowed = Allowed(point, pack, filter);
            if (allowed.Count == 0)
            {
                withdrawn |= point.Citations.Count > 0;
                continue;
            }

            // An earlier report is said only with a quote of its own; the newer one cited first.
            var earlier = point.Earlier.Select(e => (Report: e, Allowed: Allowed(e.Point, pack, filter))).Where(e => e.Allowed.Count > 0).ToList();
            kept.Add(point with { Earlier = [.. earlier.Select(e => e.Report)] });
            foreach (var (said, ids) in earlier.Select(e => (e.Report.Point, e.Allowed)).Prepend((point, allowed)))
            {
                foreach (var id in ids.Where(id => citations.All(c => c.Id != id)))
                {
                    citations.Add(CitationOf(pack.Excerpt(id), said.Attribution, pack, language));
                }
            }
        }

        if (kept.Count == 0)
        {
            return Abstain(question, language, pack, withdrawn ? Phrases.Withdrawn : Phrases.NotAnswered);
        }

        var body = new List<TextRun>();
        if (heading is not null)
        {
            body.Add(TextRun.Strong(heading.In(language)));
            body.Add(TextRun.Plain("\n"));
        }

        var bullet = kept.Count > 1 || heading is not null;
        for (var i = 0; i < kept.Count; i++)
        {
            var said = kept[i].Statement.In(language) + string.Concat(kept[i].Earlier.Select(e => "\n" + Phrases.EarlierReport(e, language)));
            body.Add(TextRun.Plain((bullet ? "• " : string.Empty) + said + (i < kept.Count - 1 ? "\n" : string.Empty)));
        }

        foreach (var note in FlagNotes(citations, pack, language))
        {
            body.Add(TextRun.Plain("\n" + Phrases.FlagNote.In(language) + note));
        }

        return new Reply
        {
            Question = question,
            Language = language,
            Kind = ReplyKind.Answer,
            Body = body,
            Citations = citations,
        };
    }

    /// <summary>Says plainly that the story does not answer, and what it does cover.</summary>
    public static Reply Abstain(string question, Language language, KnowledgePack pack, LocalizedText reason)
    {
        var body = new List<TextRun> { TextRun.Plain(reason.In(language)) };
        if (!string.IsNullOrWhiteSpace(question))
        {
            body.Add(TextRun.Plain(" " + Phrases.YouAsked.In(language) + "“"));
            body.Add(TextRun.User(Shorten(question)));
            body.Add(TextRun.Plain("”"));
        }

        body.Add(TextRun.Plain("\n" + Phrases.ItCovers.In(language) + Coverage(pack, language) + "\n" + Phrases.TryCommands.In(language)));
        return new Reply { Question = question, Language = language, Kind = ReplyKind.Abstention, Body = body };
    }

    public static Reply Message(string question, Language language, ReplyKind kind, string text) =>
        new() { Question = question, Language = language, Kind = kind, Body = [TextRun.Plain(text)] };

    public static Citation CitationOf(Excerpt excerpt, Attribution? attribution, KnowledgePack pack, Language language) =>
        new(
            excerpt.Id,
            excerpt.SourceId,
            excerpt.Paragraph,
            excerpt.Quote,
            excerpt.Translation,
            attribution is null ? null : Phrases.Attribution(attribution, attribution.By is null ? null : pack.FindEntity(attribution.By), language));

    private static List<string> Allowed(AnswerPoint point, KnowledgePack pack, CitationFilter filter) =>
        [.. point.Citations.Where(id => pack.TryGetExcerpt(id, out var excerpt) && filter.Allows(excerpt))];

    private static string Coverage(KnowledgePack pack, Language language)
    {
        var topics = pack.Story.Topics.Where(t => pack.Facts.Any(f => f.Topic == t.Id)).Select(t => t.Name.In(language));
        var names = pack.Entities
            .Where(e => e.Kind is EntityKind.Person or EntityKind.Organisation or EntityKind.Project)
            .Select(e => e.Name)
            .Take(MaxNamesListed);
        return string.Join("; ", topics) + " (" + string.Join(", ", names) + ").";
    }

    private static IEnumerable<string> FlagNotes(IEnumerable<Citation> citations, KnowledgePack pack, Language language) =>
        citations
            .Select(c => pack.Source(c.Source).Paragraphs[c.Paragraph - 1])
            .Where(p => p.Flag is not null)
            .Distinct()
            .Select(p => p.Flag!.In(language));

    private static string Shorten(string text) => TextElements.Shorten(text, 120);
}
