using System.Globalization;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.State.Moderation;

namespace StoryBot.State.Commands;

/// <summary>The moderators' view of reports and of the audit trail: <c>reports</c>, <c>resolve</c>, <c>audit</c>.</summary>
internal sealed class ReportSubcommands(ReaderReports reports, AuditLog audit)
{
    private const int MaxListed = 50;
    private const int DefaultAuditCount = 20;
    private const int MaxAuditCount = 100;

    public async Task<Reply> ListAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var open = await reports.OpenAsync(MaxListed, cancellationToken);
        var reply = new ReplyWriter(context);
        if (open.Count == 0)
        {
            return reply.Say("No open reports.", "Keine offenen Meldungen.").Build(ReplyKind.Moderation);
        }

        reply.Heading("Open reports (resolve <report> <dismiss|disable>):", "Offene Meldungen (resolve <meldung> <dismiss|disable>):");
        foreach (var report in open)
        {
            reply.Strong($"#{report.Id}").Plain(" — ").Time(report.At).Plain($" — {report.Reporter.Platform} ").User(report.Reporter.UserId)
                .Say(" reported the answer to ", " meldete die Antwort auf ").User(report.Question ?? report.MessageId);
            if (report.Reason is not null)
            {
                reply.Plain(" — ").User(report.Reason);
            }

            reply.Line();
        }

        return reply.Build(ReplyKind.Moderation);
    }

    public async Task<Reply> ResolveAsync(CommandContext context, Actor moderator, string arguments, CancellationToken cancellationToken)
    {
        var (idText, rest) = CommandArguments.Split(arguments);
        var (action, excerpt) = CommandArguments.Split(rest);
        var reply = new ReplyWriter(context);
        ReportResolution? resolution = action.ToLowerInvariant() switch
        {
            "dismiss" => ReportResolution.Dismiss,
            "disable" => ReportResolution.Disable,
            _ => null,
        };
        if (!long.TryParse(CommandArguments.CleanId(idText), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || resolution is null)
        {
            return reply.Say(
                    $"Please write {ModeratorCommand.Line} resolve <report> dismiss, or {ModeratorCommand.Line} resolve <report> disable [excerpt id]. {ModeratorCommand.Line} reports lists the open reports.",
                    $"Bitte schreiben Sie {ModeratorCommand.Line} resolve <meldung> dismiss oder {ModeratorCommand.Line} resolve <meldung> disable [auszug-id]. {ModeratorCommand.Line} reports listet die offenen Meldungen.")
                .Build(ReplyKind.Error);
        }

        var excerptId = excerpt.Length == 0 ? null : CommandArguments.CleanId(CommandArguments.Split(excerpt).First);
        var result = await reports.ResolveAsync(moderator, id, resolution.Value, excerptId, note: null, cancellationToken);
        return result.Outcome switch
        {
            ResolveOutcome.NotFound => reply.Say($"There is no report #{id}.", $"Es gibt keine Meldung #{id}.").Build(ReplyKind.Error),
            ResolveOutcome.AlreadyResolved => reply.Say($"Report #{id} is already resolved.", $"Meldung #{id} ist bereits erledigt.").Build(ReplyKind.Moderation),
            ResolveOutcome.ExcerptNotCited => reply.Say($"The answer reported in #{id} does not cite ", $"Die in #{id} gemeldete Antwort zitiert ")
                .User(excerptId ?? string.Empty).Say(".", " nicht.").Build(ReplyKind.Error),
            ResolveOutcome.NothingToDisable => reply.Say(
                    $"The answer reported in #{id} cites nothing that is still enabled (or is no longer on record); dismiss the report instead.",
                    $"Die in #{id} gemeldete Antwort zitiert nichts, was noch freigegeben ist (oder ist nicht mehr gespeichert); bitte verwerfen Sie die Meldung.")
                .Build(ReplyKind.Error),
            _ when resolution == ReportResolution.Dismiss =>
                reply.Say($"Report #{id} dismissed.", $"Meldung #{id} verworfen.").Build(ReplyKind.Moderation),
            _ => reply.Say($"Report #{id} resolved: disabled ", $"Meldung #{id} erledigt, gesperrt: ")
                .Plain(string.Join(", ", result.Disabled.Select(t => t.Id)))
                .Say($". {result.CorrectionsQueued} posted answer(s) will be corrected.", $". {result.CorrectionsQueued} gepostete Antwort(en) werden korrigiert.")
                .Build(ReplyKind.Moderation),
        };
    }

    public async Task<Reply> AuditAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var count = CommandArguments.Count(arguments, DefaultAuditCount, MaxAuditCount);
        var entries = await audit.LatestAsync(count, cancellationToken);
        var reply = new ReplyWriter(context);
        if (entries.Count == 0)
        {
            return reply.Say("The audit log is empty.", "Das Protokoll ist leer.").Build(ReplyKind.Moderation);
        }

        reply.Heading($"The latest {entries.Count} actions, newest first:", $"Die letzten {entries.Count} Aktionen, neueste zuerst:");
        foreach (var entry in entries)
        {
            reply.Time(entry.At).Plain($" — {entry.Actor.Platform} ").User(entry.Actor.UserId).Plain(" — ").Strong(entry.Action);
            if (entry.Target is not null)
            {
                reply.Plain(" ").User(entry.Target);
            }

            if (entry.Reason is not null)
            {
                reply.Plain(" — ").User(entry.Reason);
            }

            reply.Line();
        }

        return reply.Build(ReplyKind.Moderation);
    }
}
