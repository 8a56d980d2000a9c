using System.Globalization;
using System.Text;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Summaries;

/// <summary>
/// Builds the summary from the curated pack: the pack's summary (or, when none of its excerpts
/// may be cited, the first timeline events), then the money and the dispute facts. Every claim
/// keeps only the excerpts the moderators allow and that do not sit in a flagged paragraph; a
/// claim left with none is dropped rather than stated uncited.
/// </summary>
public sealed class StorySummaryComposer : IStorySummaryComposer
{
    public const string Command = "/summary";

    // A few lines: enough to tell the story, small enough that the body and every quote with
    // its rendering fit one platform message (Discord: 10 embeds, 6000 characters in all).
    // One excerpt per claim is enough to ground it; the first allowed one is the curated best.
    private const int ClaimsPerSection = 2;
    private const int CitationsPerClaim = 1;
    private const int MaxCitations = 6;

    public Reply Compose(Language language, CitationFilter filter, KnowledgePack pack, SummaryBaseline? since = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(pack);

        var texts = SummaryTexts.For(language);
        var citations = new CitationNumbers(pack, filter);

        var happened = Take(citations, [ClaimFromSummary(pack, language, texts)]);
        if (happened.Count == 0)
        {
            happened = Take(citations, pack.Timeline.OrderBy(entry => entry.Order).Select(entry => new Claim(
                $"{entry.Day.In(language)}: {entry.Event.In(language)}", null, entry.Citations)));
        }

        var money = Take(citations, ClaimsAbout(pack, Topic.Funding, language, texts));
        var dispute = Take(citations, ClaimsAbout(pack, Topic.Dispute, language, texts));

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
        AddSection(body, texts.WhatHappened, happened);
        AddSection(body, texts.Money, money);
        AddSection(body, texts.Dispute, dispute);
        if (since is not null)
        {
            AddChanges(body, texts, since, pack, filter, citations);
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

    private static Claim ClaimFromSummary(KnowledgePack pack, Language language, SummaryTexts texts)
    {
        var outlet = FirstOutlet(pack, pack.Summary.Citations);
        return new Claim(pack.Summary.Text.In(language), outlet is null ? null : texts.Reported(outlet), pack.Summary.Citations);
    }

    private static IEnumerable<Claim> ClaimsAbout(KnowledgePack pack, Topic topic, Language language, SummaryTexts texts) =>
        pack.Facts
            .Where(fact => fact.Topic == topic)
            .Select(fact => new Claim(fact.Statement.In(language), Attribute(pack, fact, texts), fact.Citations));

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

    /// <summary>Keeps up to <see cref="ClaimsPerSection"/> claims that still have an allowed citation.</summary>
    private static List<NumberedClaim> Take(CitationNumbers citations, IEnumerable<Claim> claims)
    {
        var taken = new List<NumberedClaim>();
        foreach (var claim in claims)
        {
            if (taken.Count == ClaimsPerSection)
            {
                break;
            }

            var numbers = citations.Cite(claim);
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

    private static void AddChanges(List<TextRun> body, SummaryTexts texts, SummaryBaseline since, KnowledgePack pack, CitationFilter filter, CitationNumbers citations)
    {
        var before = since.ExcerptIds.ToHashSet(StringComparer.Ordinal);
        var packUpdated = !string.Equals(since.PackVersion, pack.Version, StringComparison.Ordinal);
        var added = citations.All.Select((citation, index) => (citation.Id, Number: index + 1))
            .Where(c => !before.Contains(c.Id))
            .Select(c => c.Number)
            .ToList();
        var withdrawn = before
            .Where(id => !pack.TryGetExcerpt(id, out var excerpt) || !filter.Allows(excerpt.SourceId, excerpt.Id))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!packUpdated && added.Count == 0 && withdrawn.Count == 0)
        {
            return;
        }

        var line = new StringBuilder();
        if (packUpdated)
        {
            line.Append(' ').Append(texts.PackUpdated);
        }

        if (added.Count > 0)
        {
            line.Append(' ').Append(texts.NewHere).Append(' ').Append(Markers(added)).Append('.');
        }

        if (withdrawn.Count > 0)
        {
            line.Append(' ').Append(texts.Withdrawn(withdrawn.Count, string.Join(", ", withdrawn)));
        }

        body.Add(TextRun.Plain("\n"));
        body.Add(TextRun.Strong(texts.SinceLast));
        body.Add(TextRun.Plain(line.ToString()));
    }

    private static string Markers(IEnumerable<int> numbers) =>
        string.Concat(numbers.Select(number => string.Create(CultureInfo.InvariantCulture, $"[{number}]")));

    private sealed record Claim(string Text, string? Attribution, IReadOnlyList<string> ExcerptIds);

    private sealed record NumberedClaim(Claim Claim, IReadOnlyList<int> Numbers);

    /// <summary>Numbers the citations in order of first use, each excerpt once.</summary>
    private sealed class CitationNumbers(KnowledgePack pack, CitationFilter filter)
    {
        private readonly List<Citation> _all = [];
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

        public IReadOnlyList<Citation> All => _all;

        public int Count => _all.Count;

        public List<int> Cite(Claim claim)
        {
            var usable = claim.ExcerptIds
                .Distinct(StringComparer.Ordinal)
                .Select(id => pack.TryGetExcerpt(id, out var excerpt) ? excerpt : null)
                .OfType<Excerpt>()
                .Where(excerpt => filter.Allows(excerpt.SourceId, excerpt.Id) && !IsFlagged(excerpt))
                .Take(CitationsPerClaim)
                .ToList();

            var numbers = new List<int>();
            foreach (var excerpt in usable)
            {
                if (_numbers.TryGetValue(excerpt.Id, out var known))
                {
                    numbers.Add(known);
                }
                else if (_all.Count < MaxCitations)
                {
                    _all.Add(new Citation(excerpt.Id, excerpt.SourceId, excerpt.Paragraph, excerpt.Quote, excerpt.Translation, claim.Attribution));
                    _numbers[excerpt.Id] = _all.Count;
                    numbers.Add(_all.Count);
                }
            }

            return numbers;
        }

        // A flagged paragraph is garbled or doubtful in the source: fine to quote when asked about
        // it, never as the ground of a summary line.
        private bool IsFlagged(Excerpt excerpt) =>
            pack.Sources.FirstOrDefault(source => source.Id == excerpt.SourceId)?.Paragraphs
                .FirstOrDefault(paragraph => paragraph.Number == excerpt.Paragraph)?.Flag is not null;
    }
}
