using System.Globalization;
using System.Text;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Summaries;

/// <summary>
/// Builds the summary from the curated pack in short sections. <b>What happened</b>: the timeline
/// events at the heart of the story (see <see cref="CentralEvents"/>), in order. Then a section for
/// each topic story.yaml gives one (<see cref="TopicSummarySection"/>), in the topics' order, e.g.
/// <b>the money</b> (funding facts that give a figure) and <b>the dispute</b> (dispute facts, the
/// article's own observations first, the parties' claims being already in the events).
/// A topic's section only takes facts that bring an excerpt not cited yet, so no line repeats
/// another. Every line cites all of its excerpts the moderators allow (a line rests on all of
/// them) except those in flagged paragraphs; a line left with none is dropped, never stated uncited.
/// </summary>
public sealed class StorySummaryComposer : IStorySummaryComposer
{
    public const string Command = "/summary";

    // A few lines: what happened, then each topic's section.
    private const int EventsInSection = 3;
    private const int FactsInSection = 2;

    public Reply Compose(Language language, CitationFilter filter, KnowledgePack pack, SummaryBaseline? since = null, PlatformLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(pack);
        limits ??= PlatformLimits.Unbounded;

        var texts = SummaryTexts.For(language);
        var citations = new SummaryCitations(pack, filter, SpeakersOf(pack, texts), limits.MaxCitations);

        // Told first, so numbered first.
        var newSources = since is null ? [] : SummaryChanges.CiteNewSources(pack, filter, since.PostedAt, citations);
        var happened = Take(citations, CentralEvents(pack, language, texts, centralOnly: true), EventsInSection, mustAddExcerpt: false);
        if (happened.Count == 0)
        {
            happened = Take(citations, CentralEvents(pack, language, texts, centralOnly: false), EventsInSection, mustAddExcerpt: false);
        }

        var sections = pack.Story.Topics
            .Where(topic => topic.Summary is not null)
            .Select(topic => (Label: topic.Summary!.Label.In(language), Claims: Take(citations, Section(pack, topic, language, texts), FactsInSection, mustAddExcerpt: true)))
            .ToList();

        if (citations.Count == 0)
        {
            return new Reply
            {
                Question = Command,
                Language = language,
                Kind = ReplyKind.Abstention,
                Body = [TextRun.Plain(texts.NothingToSay)],
            };
        }

        var body = new List<TextRun> { TextRun.Strong(texts.Title) };
        if (since is not null)
        {
            body.Add(TextRun.Plain("\n"));
            body.AddRange(SummaryChanges.Describe(texts, since, pack, filter, citations.All, newSources));
        }

        AddSection(body, texts.WhatHappened, happened);
        foreach (var (label, claims) in sections)
        {
            AddSection(body, label, claims);
        }

        return new Reply
        {
            Question = Command,
            Language = language,
            Kind = ReplyKind.Answer,
            Body = body,
            Citations = citations.All,
        };
    }

    /// <summary>
    /// Timeline events in order; with <paramref name="centralOnly"/>, only those at the heart of
    /// the story: resting on an excerpt that both the pack's summary and a fact of a summary's topic cite.
    /// </summary>
    private static IEnumerable<SummaryClaim> CentralEvents(KnowledgePack pack, Language language, SummaryTexts texts, bool centralOnly)
    {
        var sectionTopics = pack.Story.Topics.Where(topic => topic.Summary is not null).Select(topic => topic.Id).ToHashSet(StringComparer.Ordinal);
        var central = pack.Facts
            .Where(fact => sectionTopics.Contains(fact.Topic))
            .SelectMany(fact => fact.Citations)
            .Intersect(pack.Summary.Citations, StringComparer.Ordinal)
            .ToHashSet(StringComparer.Ordinal);
        return pack.Timeline
            .OrderBy(entry => entry.Order)
            .Where(entry => !centralOnly || entry.Citations.Any(central.Contains))
            .Select(entry => new SummaryClaim(
                $"{entry.Day.In(language)}: {entry.Event.In(language)}",
                FirstOutlet(pack, entry.Citations) is { } outlet ? texts.Reported(outlet) : null,
                entry.Citations,
                ArticleVoice: true));
    }

    /// <summary>The claims a topic's section may take, in the order it takes them (<see cref="TopicSummarySection"/>).</summary>
    private static IEnumerable<SummaryClaim> Section(KnowledgePack pack, StoryTopic topic, Language language, SummaryTexts texts)
    {
        var section = topic.Summary!;
        var claims = ClaimsAbout(pack, topic.Id, language, texts);
        if (section.FiguresOnly)
        {
            claims = claims.Where(claim => claim.Text.Any(char.IsAsciiDigit));
        }

        return section.ArticleVoiceFirst ? claims.OrderBy(claim => claim.ArticleVoice ? 0 : 1) : claims;
    }

    private static IEnumerable<SummaryClaim> ClaimsAbout(KnowledgePack pack, string topic, Language language, SummaryTexts texts) =>
        pack.Facts
            .Where(fact => fact.Topic == topic)
            .Select(fact => new SummaryClaim(
                fact.Statement.In(language),
                Attribute(pack, fact, texts),
                fact.Citations,
                ArticleVoice: fact.Attribution.Kind == AttributionKind.Reported));

    /// <summary>
    /// For each excerpt that a fact puts in a named speaker's mouth, that attribution: a quote
    /// keeps saying who said it even when the line citing it is an event or another fact.
    /// </summary>
    private static Dictionary<string, string> SpeakersOf(KnowledgePack pack, SummaryTexts texts)
    {
        var speakers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fact in pack.Facts.Where(fact => fact.Attribution is { By: not null, Kind: AttributionKind.Claimed or AttributionKind.Rebutted or AttributionKind.Announced }))
        {
            foreach (var id in fact.Citations)
            {
                if (Attribute(pack, fact, texts) is { } attribution)
                {
                    speakers.TryAdd(id, attribution);
                }
            }
        }

        return speakers;
    }

    private static string? Attribute(KnowledgePack pack, Fact fact, SummaryTexts texts)
    {
        var outlet = FirstOutlet(pack, fact.Citations);
        var who = fact.Attribution.By is { } by ? pack.FindEntity(by)?.Name ?? by : null;
        return (fact.Attribution.Kind, who) switch
        {
            (AttributionKind.Claimed, not null) => texts.Claimed(who),
            (AttributionKind.Rebutted, not null) => texts.Rebutted(who),
            (AttributionKind.Announced, not null) => texts.Announced(who),
            (AttributionKind.Estimated, _) when (who ?? outlet) is { } estimator => texts.Estimated(estimator),

            // Without a named speaker the article says it in its own voice.
            _ => outlet is null ? null : texts.Reported(outlet),
        };
    }

    private static string? FirstOutlet(KnowledgePack pack, IEnumerable<string> excerptIds) =>
        excerptIds
            .Select(id => pack.TryGetExcerpt(id, out var excerpt) ? OutletOf(pack, excerpt.SourceId) : null)
            .FirstOrDefault(name => name is not null);

    /// <summary>The outlet's name without its parenthetical ("TechCrunch (German translation)" reads "TechCrunch").</summary>
    private static string? OutletOf(KnowledgePack pack, string sourceId)
    {
        var outlet = pack.Sources.FirstOrDefault(source => source.Id == sourceId)?.Outlet;
        var parenthesis = outlet?.IndexOf(" (", StringComparison.Ordinal) ?? -1;
        return parenthesis > 0 ? outlet![..parenthesis] : outlet;
    }

    /// <summary>Keeps up to <paramref name="max"/> claims that still have an allowed citation.</summary>
    private static List<NumberedClaim> Take(SummaryCitations citations, IEnumerable<SummaryClaim> claims, int max, bool mustAddExcerpt)
    {
        var taken = new List<NumberedClaim>();
        foreach (var claim in claims)
        {
            if (taken.Count == max)
            {
                break;
            }

            var numbers = citations.Cite(claim, mustAddExcerpt);
            if (numbers.Count > 0)
            {
                taken.Add(new NumberedClaim(claim, numbers));
            }
        }

        return taken;
    }

    private static void AddSection(List<TextRun> body, string label, List<NumberedClaim> claims)
    {
        if (claims.Count == 0)
        {
            return;
        }

        body.Add(TextRun.Plain("\n"));
        body.Add(TextRun.Strong(label));
        var line = new StringBuilder();
        foreach (var (claim, numbers) in claims)
        {
            line.Append(' ').Append(claim.Text.TrimEnd().TrimEnd('.'));
            if (claim.Attribution is not null)
            {
                line.Append(" (").Append(claim.Attribution).Append(')');
            }

            line.Append(' ').Append(Markers(numbers)).Append('.');
        }

        body.Add(TextRun.Plain(line.ToString()));
    }

    private static string Markers(IEnumerable<int> numbers) => SummaryChanges.Markers(numbers);
}
