using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;

namespace StoryBot.State.Commands;

/// <summary>
/// <c>/moderate</c>: the moderators' tools (<c>list</c>, <c>disable</c>, <c>enable</c>,
/// <c>reports</c>, <c>resolve</c>, <c>audit</c>, <c>unanswered</c>, <c>story</c>). Rights come from the request
/// as the adapter read them from this very request.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: routes the moderator subcommands (list, disable, enable, reports, unanswered, audit, story); each collaborator is one subcommand's store or view, and splitting the router would only move the switch.</remarks>
internal sealed class ModerateCommand(
    IKnowledgeProvider knowledge,
    SourceListing listing,
    DisabledCitations disabled,
    ReportSubcommands reports,
    UnansweredListing unanswered,
    ChannelStorySubcommand channelStory,
    AuditLog audit,
    ILogger<ModerateCommand> logger) : StoreCommand(logger)
{
    public override string Name => ModeratorCommand.Name;

    /// <summary>Whether <paramref name="argument"/> starts with one of the moderators' subcommands.</summary>
    public static bool IsSubcommand(string argument) =>
        ModeratorCommand.Subcommands.Contains(CommandArguments.Split(argument).First.ToLowerInvariant());

    protected override async Task<Reply> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (subcommand, rest) = CommandArguments.Split(context.Argument);
        subcommand = subcommand.ToLowerInvariant();
        if (!ModeratorCommand.Subcommands.Contains(subcommand))
        {
            return Usage(context, Name, subcommand);
        }

        var actor = new Actor(context.Request.Platform, context.Request.UserId);
        if (!context.Request.IsModerator)
        {
            return await RefuseAsync(context, actor, subcommand, cancellationToken);
        }

        return subcommand switch
        {
            "list" => await listing.ForModeratorsAsync(context, cancellationToken),
            "disable" => await DisableAsync(context, actor, rest, cancellationToken),
            "enable" => await EnableAsync(context, actor, rest, cancellationToken),
            "reports" => await reports.ListAsync(context, cancellationToken),
            "resolve" => await reports.ResolveAsync(context, actor, rest, cancellationToken),
            "unanswered" => await unanswered.ListAsync(context, rest, cancellationToken),
            ChannelStorySubcommand.Name => await channelStory.RunAsync(context, actor, rest, cancellationToken),
            _ => await reports.AuditAsync(context, rest, cancellationToken),
        };
    }

    private async Task<Reply> RefuseAsync(CommandContext context, Actor actor, string subcommand, CancellationToken cancellationToken)
    {
        logger.LogWarning("Refused {Command} {Subcommand} from {Platform} user {User}: not a moderator", ModeratorCommand.Line, subcommand, actor.Platform, actor.UserId);
        await audit.AppendAsync(actor, AuditLog.Actions.Refused, $"{ModeratorCommand.Name} {subcommand}", "not a moderator", cancellationToken);
        return new ReplyWriter(context)
            .Say(
                $"Sorry, only moderators can use {ModeratorCommand.Line} {subcommand}. Anyone can see the list of sources with /sources, and report an answer with its Report button.",
                $"Entschuldigung, nur Moderatorinnen und Moderatoren können {ModeratorCommand.Line} {subcommand} verwenden. Die Liste der Quellen zeigt /sources allen, und jede Antwort lässt sich mit ihrem Melden-Knopf melden.")
            .Build(ReplyKind.Error);
    }

    private async Task<Reply> DisableAsync(CommandContext context, Actor actor, string arguments, CancellationToken cancellationToken)
    {
        var (id, reason) = CommandArguments.Split(arguments);
        var reply = new ReplyWriter(context);
        if (id.Length == 0 || reason.Length == 0)
        {
            return reply.Say(
                    $"Please name what to disable and why: {ModeratorCommand.Line} disable <id> <reason>. {ModeratorCommand.Line} list shows the ids.",
                    $"Bitte nennen Sie, was gesperrt werden soll, und warum: {ModeratorCommand.Line} disable <id> <grund>. {ModeratorCommand.Line} list zeigt die Ids.")
                .Build(ReplyKind.Error);
        }

        if (TargetResolver.Resolve(knowledge.Current, id) is not { } target)
        {
            return UnknownId(reply, id);
        }

        var result = await disabled.DisableAsync(actor, target, reason, cancellationToken);
        if (result.Outcome == ChangeOutcome.Unchanged)
        {
            return Target(reply, target).Say(" is already disabled.", " ist bereits gesperrt.").Build(ReplyKind.Moderation);
        }

        Target(reply.Say("Disabled ", "Gesperrt: "), target).Plain(" — ").User(reason).Line()
            .Say("No answer will cite it from now on.", "Ab sofort zitiert keine Antwort mehr daraus.");
        if (result.CorrectionsQueued > 0)
        {
            reply.Line().Say(
                $"{result.CorrectionsQueued} posted answer(s) that cited it will be corrected.",
                $"{result.CorrectionsQueued} bereits gepostete Antwort(en), die es zitierten, werden korrigiert.");
        }

        return reply.Build(ReplyKind.Moderation);
    }

    private async Task<Reply> EnableAsync(CommandContext context, Actor actor, string arguments, CancellationToken cancellationToken)
    {
        var (id, _) = CommandArguments.Split(arguments);
        var reply = new ReplyWriter(context);
        if (id.Length == 0)
        {
            return reply.Say($"Please name what to enable: {ModeratorCommand.Line} enable <id>.", $"Bitte nennen Sie, was freigegeben werden soll: {ModeratorCommand.Line} enable <id>.")
                .Build(ReplyKind.Error);
        }

        var pack = knowledge.Current;
        if (TargetResolver.Resolve(pack, id) is not { } target)
        {
            return UnknownId(reply, id);
        }

        // Read before the change, not after it: a store lost in between must not make a change that
        // was made look as if nothing had been changed.
        var disabledSource = target.Kind == TargetKind.Excerpt && pack.TryGetExcerpt(target.Id, out var excerpt)
            && (await disabled.ListAsync(cancellationToken)).Any(d => d.Target == CitationTarget.Source(excerpt.SourceId))
            ? excerpt.SourceId
            : null;
        if (await disabled.EnableAsync(actor, target, cancellationToken) == ChangeOutcome.Unchanged)
        {
            return Target(reply, target).Say(" is not disabled.", " ist nicht gesperrt.").Build(ReplyKind.Moderation);
        }

        Target(reply.Say("Enabled ", "Freigegeben: "), target)
            .Say(". Answers may cite it again; answers already corrected stay corrected.", ". Antworten dürfen es wieder zitieren; bereits korrigierte Antworten bleiben korrigiert.");
        if (disabledSource is not null)
        {
            reply.Line().Say(
                $"Its source {disabledSource} is still disabled, so it stays uncited until that is enabled too.",
                $"Seine Quelle {disabledSource} ist noch gesperrt; bis auch sie freigegeben ist, wird es nicht zitiert.");
        }

        return reply.Build(ReplyKind.Moderation);
    }

    private Reply UnknownId(ReplyWriter reply, string id)
    {
        reply.Say("There is no source or excerpt with the id ", "Es gibt keine Quelle und keinen Auszug mit der Id ").User(id).Plain(". ");
        var suggestions = TargetResolver.Suggest(knowledge.Current, id);
        if (suggestions.Count > 0)
        {
            reply.Say("Did you mean ", "Meinten Sie ").Plain(string.Join(", ", suggestions)).Plain("? ");
        }

        return reply.Say($"{ModeratorCommand.Line} list shows every id.", $"{ModeratorCommand.Line} list zeigt alle Ids.").Build(ReplyKind.Error);
    }

    private static ReplyWriter Target(ReplyWriter reply, CitationTarget target) =>
        reply.Say(target.Kind == TargetKind.Source ? "source " : "excerpt ", target.Kind == TargetKind.Source ? "Quelle " : "Auszug ").Strong(target.Id);

    /// <summary>What the moderators' tools are; <paramref name="subcommand"/> is the unknown one asked for of <paramref name="command"/>, if any.</summary>
    public static Reply Usage(CommandContext context, string command, string subcommand)
    {
        var reply = new ReplyWriter(context);
        if (subcommand.Length > 0)
        {
            reply.Say("I don't know ", string.Empty).Plain($"/{command} ").User(subcommand).Say(". ", " kenne ich nicht. ");
        }

        return reply
            .Say(
                $"Moderators have {ModeratorCommand.Line} list, disable <id> <reason>, enable <id>, reports, resolve <report> <dismiss|disable>, audit, unanswered [n], story [<id>|default]. Anyone can list the sources with /sources.",
                $"Für die Moderation gibt es {ModeratorCommand.Line} list, disable <id> <grund>, enable <id>, reports, resolve <meldung> <dismiss|disable>, audit, unanswered [n], story [<id>|default]. Die Quellen listet /sources allen auf.")
            .Build(ReplyKind.Error);
    }
}
