using System.Runtime.CompilerServices;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Interactions;

/// <summary>An interaction callback body: <c>{"type": n, "data": {...}}</c>.</summary>
internal sealed record InteractionResponse(int Type, object? Data = null)
{
    // A page of a reply handed out again (see InteractionWebhooks.Pages) is the same instance, so
    // its response body is serialized once; pages are immutable.
    private static readonly ConditionalWeakTable<DiscordMessage, byte[]> SerializedMessages = new();

    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int DeferredUpdateMessage = 6;
    public const int AutocompleteResult = 8;
    public const int Modal = 9;

    /// <summary>The body as Discord gets it.</summary>
    public byte[] ToUtf8Json() => this is { Type: ChannelMessage, Data: DiscordMessage page }
        ? SerializedMessages.GetValue(page, static page => DiscordJson.Serialize(new InteractionResponse(ChannelMessage, page)))
        : DiscordJson.Serialize(this);
}

/// <summary>The first response to an interaction, and what is left to do once Discord has it.</summary>
internal sealed record InteractionStart(InteractionResponse Response, InteractionFollowUp? FollowUp = null)
{
    /// <summary>The interaction in the work journal: posting starts before the response is sent, and completes after the follow-up.</summary>
    public WorkTicket Ticket { get; init; } = WorkTicket.None;
}

/// <summary>Work on an interaction after its first response, done by <see cref="InteractionWebhooks.FinishAsync"/>.</summary>
internal abstract record InteractionFollowUp(Interaction Interaction);

/// <summary>The first response was a deferral ("thinking…"): replace it with the answer once that is there.</summary>
internal sealed record DeferredAnswer(Interaction Interaction, ChatRequest Request, Task<Reply> Answer, bool Ephemeral) : InteractionFollowUp(Interaction);

/// <summary>The first response carried the answer's first page: send the other pages, then record it.</summary>
internal sealed record InlineAnswer(Interaction Interaction, ChatRequest? Request, Reply Reply, IReadOnlyList<DiscordMessage> MorePages) : InteractionFollowUp(Interaction);
