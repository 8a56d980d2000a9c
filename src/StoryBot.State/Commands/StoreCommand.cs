using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.State.Storage;

namespace StoryBot.State.Commands;

/// <summary>
/// A command that reads or changes the moderation store. While the store cannot be reached the
/// asker is told so in their language, rather than getting the reply every unexpected failure
/// gets: each change is one transaction, so one that found the store unreachable changed nothing,
/// and trying again shortly is all there is to do; unless the connection broke during the commit,
/// when only the store, once back, can say whether the change was made.
/// </summary>
internal abstract partial class StoreCommand(ILogger logger) : IChatCommand
{
    public abstract string Name { get; }

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await RunAsync(context, cancellationToken);
        }
        catch (StateUnavailableException exception) when (exception.MayHaveCommitted)
        {
            LogUncertain(Name, context.Request.Platform, context.Request.UserId);
            return Sorry(
                context,
                "Sorry, the moderation store went away while saving this, so it may or may not have been done. Please check once it is back, in a few minutes.",
                "Entschuldigung, der Speicher der Moderation ist beim Speichern weggebrochen; es kann sein, dass die Änderung trotzdem übernommen wurde. Bitte prüfen Sie es in ein paar Minuten, sobald er wieder erreichbar ist.");
        }
        catch (StateUnavailableException)
        {
            // The outage itself is logged once, by StoreReachability; this line tells an operator whose change did not happen.
            LogNotRun(Name, context.Request.Platform, context.Request.UserId);
            return Sorry(
                context,
                "Sorry, the moderation store can't be reached right now, so nothing was changed. Please try again in a few minutes.",
                "Entschuldigung, der Speicher der Moderation ist gerade nicht erreichbar; es wurde nichts geändert. Bitte versuchen Sie es in ein paar Minuten noch einmal.");
        }
    }

    private static Reply Sorry(CommandContext context, string english, string german) =>
        new ReplyWriter(context).Say(english, german).Build(ReplyKind.Error);

    protected abstract Task<Reply> RunAsync(CommandContext context, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "/{Command} from {Platform} user {User} may or may not have been saved: the state store went away during the commit")]
    private partial void LogUncertain(string command, string platform, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "/{Command} from {Platform} user {User} was not run: the state store cannot be reached")]
    private partial void LogNotRun(string command, string platform, string user);
}
