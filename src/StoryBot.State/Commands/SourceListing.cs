using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;

namespace StoryBot.State.Commands;

/// <summary>The sources the bot quotes: a short public list, and the moderators' list with every excerpt.</summary>
internal sealed class SourceListing(IKnowledgeProvider knowledge, DisabledCitations disabled, ICitationPolicy citationPolicy)
{
    private const int PreviewLength = 60;

    /// <summary>What readers see; from the sets answers use, so it is still shown while the store cannot be reached.</summary>
    public async Task<Reply> PublicAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var pack = knowledge.Current;
        var withdrawn = (await citationPolicy.GetFilterAsync(cancellationToken)).DisabledSources;
        var reply = new ReplyWriter(context).Heading("Sources the answers quote:", "Quellen, die die Antworten zitieren:");
        foreach (var source in pack.Sources)
        {
            var excerpts = pack.Excerpts.Count(e => e.SourceId == source.Id);
            reply.Plain("• ").Strong(source.Title).Plain($" ({source.Outlet}, {source.Language}) — ")
                .Say($"{excerpts} quoted excerpts, id {source.Id}", $"{excerpts} zitierte Auszüge, Id {source.Id}");
            if (withdrawn.Contains(source.Id))
            {
                reply.Say(" — withdrawn by the moderators", " — von der Moderation zurückgezogen");
            }

            reply.Line();
        }

        return reply.Build(ReplyKind.Help);
    }

    public async Task<Reply> ForModeratorsAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var pack = knowledge.Current;
        var withdrawn = (await disabled.ListAsync(cancellationToken)).ToDictionary(d => d.Target);
        var reply = new ReplyWriter(context)
            .Heading("Sources and excerpts (disable or enable them by id):", "Quellen und Auszüge (per Id sperren oder freigeben):");
        foreach (var source in pack.Sources)
        {
            reply.Strong(source.Id).Plain($" — {source.Title} ({source.Outlet}) — ");
            Status(reply, withdrawn.GetValueOrDefault(CitationTarget.Source(source.Id)));
            reply.Line();
            foreach (var excerpt in pack.Excerpts.Where(e => e.SourceId == source.Id).OrderBy(e => e.Paragraph).ThenBy(e => e.Start))
            {
                reply.Plain($"  {excerpt.Id} ¶{excerpt.Paragraph} — ");
                Status(reply, withdrawn.GetValueOrDefault(CitationTarget.Excerpt(excerpt.Id)));
                reply.Plain($" — “{Preview(reply.German ? excerpt.Quote : excerpt.Translation)}”").Line();
            }
        }

        return reply.Build(ReplyKind.Moderation);
    }

    private static void Status(ReplyWriter reply, DisabledCitation? disabled)
    {
        if (disabled is null)
        {
            reply.Say("enabled", "freigegeben");
            return;
        }

        reply.Say("DISABLED by ", "GESPERRT von ").User(disabled.By.UserId).Plain(", ").Time(disabled.At).Plain(": ").User(disabled.Reason);
    }

    private static string Preview(string text) =>
        text.Length <= PreviewLength ? text : string.Concat(text.AsSpan(0, PreviewLength).TrimEnd(), "…");
}
