using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Retrieval.Semantic;
using StoryBot.Core.Telemetry;

namespace StoryBot.Core.Answering;

internal sealed class AnswerEngine(PassageIndexCache indexes, ISemanticStage semantic, ICitationPolicy policy) : IAnswerEngine
{
    private const int MaxPoints = 3;
    private const int MaxExplained = 5;

    public async Task<Reply> AskAsync(string question, Language? preferred, CancellationToken cancellationToken)
    {
        // Mentions, emoji, greetings and "answer briefly:" say nothing about the story; the
        // reply still quotes the question as it was asked.
        string cleaned;
        using (StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Clean))
        {
            cleaned = QuestionCleaner.Clean(question);
        }

        var reply = await AnswerAsync(question, cleaned, preferred, cancellationToken);

        // Whoever keeps the question (the unanswered tally) takes this text rather than cleaning it again.
        return reply with { CleanedQuestion = cleaned };
    }

    private async Task<Reply> AnswerAsync(string question, string cleaned, Language? preferred, CancellationToken cancellationToken)
    {
        var index = indexes.Current;

        // A message that is nothing but chat noise may still ask for the whole story ("tl;dr pls").
        var analyzed = QuestionAnalyzer.Analyze(cleaned, index, preferred);
        if (cleaned.Length == 0 && QuestionAnalyzer.Analyze(question, index, preferred) is { Request: not StoryRequest.None } whole)
        {
            (cleaned, analyzed) = (question, whole);
        }

        if (QuestionFocus.Of(cleaned, index) is { } focus)
        {
            (cleaned, analyzed) = (focus.Text, QuestionAnalyzer.Analyze(focus.Text, index, analyzed.Language) with { ContextWords = focus.ContextWords });
        }

        var parts = QuestionParts.Split(cleaned);
        if (parts.Count > 1)
        {
            return await AskInPartsAsync(question, parts, analyzed.Language, index, cancellationToken);
        }

        var found = Find(cleaned, analyzed, index);
        var explanation = Explain(cleaned, analyzed, found);
        using var decide = StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Decide);
        Describe(decide, analyzed.Language, found);
        if (found.Points.Count == 0)
        {
            var reason = analyzed.Terms.Count == 0 && analyzed.Intent != QuestionIntent.Overview ? Phrases.NothingAsked : Phrases.NotAnswered;
            return ReplyComposer.Abstain(question, analyzed.Language, index.Pack, reason) with { Explanation = explanation };
        }

        var lead = AnswerLead.For(analyzed, cleaned, found.Points[0].Passage, index.Pack);
        var filter = await policy.GetFilterAsync(cancellationToken);
        return ReplyComposer.Compose(question, analyzed.Language, lead, PointsOf(found.Points, index.Pack), index.Pack, filter) with { Explanation = explanation };
    }

    private SearchResult Find(string text, AnalyzedQuestion analyzed, PassageIndex index)
    {
        using var retrieve = StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Retrieve);
        var found = RelativeDay.Read(text) is { } relative
            ? AnswerRelativeDay(relative, index, analyzed.Language)
            : Retriever.Search(analyzed, index, MaxPoints, semantic.Similarities(index, text));
        found = found with { Points = NewestReports.Prefer(found.Points, index) };
        retrieve?.SetTag(StoryBotTelemetry.Tags.Candidates, found.Ranked.Count);
        return found;
    }

    /// <summary>Whether the story answers, and on what, as attributes of the <c>decide</c> span.</summary>
    private static void Describe(System.Diagnostics.Activity? decide, Language language, SearchResult found)
    {
        if (decide is null)
        {
            return;
        }

        decide.SetTag(StoryBotTelemetry.Tags.Language, language.Code());
        decide.SetTag(StoryBotTelemetry.Tags.Abstained, found.Points.Count == 0);
        if (found.Points.Count > 0 && found.Points[0].Citations.Count > 0)
        {
            decide.SetTag(StoryBotTelemetry.Tags.Citation, found.Points[0].Citations[0]);
        }

        if (found.Abstention is { } decision)
        {
            decide.SetTag(StoryBotTelemetry.Tags.Confidence, Math.Round(decision.Confidence, 3));
        }
    }

    /// <summary>
    /// Answers each part of a question that asks several things with its own citation, and says
    /// which part the story leaves open. A part that names nobody ("and on which platform?") is
    /// read with the names of the part before it.
    /// </summary>
    private async Task<Reply> AskInPartsAsync(string question, IReadOnlyList<string> parts, Language language, PassageIndex index, CancellationToken cancellationToken)
    {
        var points = new List<RetrievedPoint>();
        var open = new List<string>();
        var decisions = new List<string>();
        AnalyzedQuestion? first = null;
        SearchResult? firstFound = null;
        foreach (var part in parts)
        {
            var text = part;
            var analyzed = QuestionAnalyzer.Analyze(text, index, language);
            if (first is not null && analyzed.Terms.All(t => t.Names.Count == 0))
            {
                text = string.Join(' ', first.Terms.Where(t => t.Names.Count > 0).Select(t => t.Word).Append(part));
                analyzed = QuestionAnalyzer.Analyze(text, index, language);
            }

            var found = Find(text, analyzed, index);
            (first, firstFound) = (first ?? analyzed, firstFound ?? found);
            decisions.Add($"\"{text}\": {found.Decision}");
            if (found.Points.Count == 0)
            {
                open.Add(part);
            }

            points.AddRange(found.Points.Take(1).Where(p => points.All(q => q.Passage != p.Passage)));
        }

        var explanation = Explain(string.Join(" | ", parts), first!, firstFound! with { Decision = string.Join("; ", decisions) });
        using var decide = StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Decide);
        decide?.SetTag(StoryBotTelemetry.Tags.Parts, parts.Count);
        Describe(decide, language, firstFound! with { Points = points });
        if (points.Count == 0)
        {
            return ReplyComposer.Abstain(question, language, index.Pack, Phrases.NotAnswered) with { Explanation = explanation };
        }

        var filter = await policy.GetFilterAsync(cancellationToken);
        var reply = ReplyComposer.Compose(question, language, null, PointsOf(points, index.Pack), index.Pack, filter);
        if (reply.Abstained || open.Count == 0)
        {
            return reply with { Explanation = explanation };
        }

        List<TextRun> notes = [.. open.SelectMany(part => new[] { TextRun.Plain("\n" + Phrases.PartNotAnswered.In(language)), TextRun.User(part) })];
        return reply with { Body = [.. reply.Body, .. notes], Explanation = explanation };
    }

    private static List<AnswerPoint> PointsOf(IEnumerable<RetrievedPoint> points, KnowledgePack pack) =>
        [.. points.Select(p => PointOf(p, pack))];

    private static AnswerPoint PointOf(RetrievedPoint point, KnowledgePack pack) =>
        new(point.Passage.Text, point.Citations, point.Passage.Attribution)
        {
            // An earlier report is a fact, named by the source the loader dated it by.
            Earlier = [.. point.Earlier.Select(e => new EarlierReport(PointOf(e, pack), pack.FindFact(e.Passage.Key) is { } fact ? pack.ReportOf(fact) : pack.Source(pack.Excerpt(e.Citations[0]).SourceId)))],
        };

    /// <summary>Finds the event a relative day is counted from like any question, then counts on the timeline.</summary>
    private SearchResult AnswerRelativeDay(RelativeDay relative, PassageIndex index, Language language)
    {
        var anchor = QuestionAnalyzer.Analyze(relative.Anchor, index, language);
        var hits = Retriever.RankExcerpts(anchor, index, semantic.Similarities(index, relative.Anchor));
        return RelativeDayAnswer.Answer(relative, anchor, hits, index);
    }

    private static AnswerExplanation Explain(string cleaned, AnalyzedQuestion analyzed, SearchResult found)
    {
        return new AnswerExplanation(
            cleaned,
            analyzed.Intent.ToString(),
            [.. found.Ranked.Take(MaxExplained).Select(Features)],
            found.Decision)
        {
            Unknown = [.. analyzed.Terms.Where(t => !t.Known).Select(t => t.Word)],
            Confidence = found.Abstention is { } decision ? Math.Round(decision.Confidence, 3) : null,
            Margin = found.Abstention is { } margin ? Math.Round(margin.Margin, 3) : null,
        };
    }

    private static CandidateFeatures Features(ExcerptHit hit) =>
        new(hit.Excerpt.Excerpt.Id, Math.Round(hit.Coverage, 3), Math.Round(hit.Score, 3), Math.Round(hit.Semantic, 3), Math.Round(hit.Fused, 3))
        {
            Unmatched = hit.Unmatched,
        };

    public Language DetectLanguage(string text, Language? preferred)
    {
        var index = indexes.Current;
        var cleaned = QuestionCleaner.Clean(text);
        return LanguageDetector.Detect(cleaned, QuestionAnalyzer.Words(cleaned), index, preferred);
    }
}
