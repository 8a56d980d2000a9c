using StoryBot.Core.Answering;
using StoryBot.Core.Commands;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Summaries;

/// <summary>
/// <c>/whats-new</c>: on demand, what the next summary in this channel would lead with (new
/// reporting, withdrawn quotes, updated curation since the channel's last summary, or that there
/// is none). Where no summary was posted yet, or runs post none (no <paramref name="ledger"/>),
/// the latest reporting the story holds.
/// </summary>
internal sealed class WhatsNewCommand(
    IKnowledgeProvider knowledge, ICitationPolicy citationPolicy, IEnumerable<IChannelPoster> posters, ISummaryLedger? ledger = null) : IChatCommand
{
    public const string CommandName = ChatCommandNames.WhatsNew;

    private const int LatestSources = 3;

    public string Name => CommandName;

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pack = knowledge.Current;
        var filter = await citationPolicy.GetFilterAsync(cancellationToken);
        var texts = SummaryTexts.For(context.Language);
        var citations = new SummaryCitations(pack, filter, new Dictionary<string, string>(), posters.LimitsFor(context.Request.Platform).MaxCitations);
        var last = ledger is null ? null : await ledger.LastPostedAsync(context.Request.Platform, context.Request.ChannelId, cancellationToken);

        var body = new List<TextRun> { TextRun.Strong(texts.WhatsNew), TextRun.Plain("\n") };
        if (last?.PackVersion is { } version)
        {
            var since = new SummaryBaseline(version, last.ExcerptIds, last.Slot.Utc);
            var newSources = SummaryChanges.CiteNewSources(pack, filter, since.PostedAt, citations);
            body.AddRange(SummaryChanges.Describe(texts, since, pack, filter, [], newSources));
        }
        else
        {
            body.Add(TextRun.Strong(texts.LatestReporting));
            foreach (var source in Latest(pack))
            {
                var numbers = SummaryChanges.CiteSource(pack, filter, source, citations);
                if (numbers.Count > 0)
                {
                    body.Add(TextRun.Plain($"\n• {texts.Source(source)} {SummaryChanges.Markers(numbers)}"));
                }
            }
        }

        return new Reply
        {
            Question = context.Request.Text,
            Language = context.Language,
            Kind = ReplyKind.Answer,
            Body = body,
            Citations = citations.All,
        };
    }

    /// <summary>The newest sources first; undated ones after the dated, in the pack's order.</summary>
    private static IEnumerable<SourceDocument> Latest(KnowledgePack pack) =>
        pack.Sources
            .Select((source, index) => (Source: source, Index: index))
            .OrderByDescending(s => s.Source.Published.HasValue)
            .ThenByDescending(s => s.Source.Published)
            .ThenBy(s => s.Index)
            .Take(LatestSources)
            .Select(s => s.Source);
}
