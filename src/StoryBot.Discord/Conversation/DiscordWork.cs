using StoryBot.Core.Conversation;

namespace StoryBot.Discord.Conversation;

/// <summary>
/// Discord's requests in the <see cref="IWorkJournal"/>: what each kind is keyed by and until when
/// Discord takes its answer.
/// </summary>
internal sealed class DiscordWork(IWorkJournal journal, TimeProvider time)
{
    /// <summary>An interaction, over HTTP or the Gateway: answered through its webhook once acknowledged.</summary>
    public const string Interaction = "interaction";

    /// <summary>A MESSAGE_CREATE the bot answers (a mention, a direct message, a message in an ask channel).</summary>
    public const string Message = "message";

    /// <summary>An interaction's token, and so its webhook, lives 15 minutes.</summary>
    private static readonly TimeSpan InteractionTokenLifetime = TimeSpan.FromMinutes(15);

    /// <param name="id">The interaction's or the message's snowflake: Discord never reuses one.</param>
    /// <returns>The ticket to carry to the answer, or null when the same request was accepted before.</returns>
    public Task<WorkTicket?> TryAcceptAsync(string kind, string id, string payload, CancellationToken cancellationToken) =>
        journal.TryAcceptAsync(DiscordPlatform.Name, kind, kind + ":" + id, payload, kind == Interaction ? InteractionTokenLifetime : AcceptedWork.MessageAnswerWindow, time, cancellationToken);
}
