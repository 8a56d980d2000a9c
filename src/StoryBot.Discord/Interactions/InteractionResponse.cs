namespace StoryBot.Discord.Interactions;

/// <summary>An interaction callback body: <c>{"type": n, "data": {...}}</c>.</summary>
internal sealed record InteractionResponse(int Type, object? Data = null)
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int AutocompleteResult = 8;
}

/// <summary>
/// The first response to an interaction, and what to do once Discord has it (finish a deferred
/// answer, send further pages, record the answer). <see cref="AfterDelivered"/> gets the message
/// id when the transport learned it with the response, or null.
/// </summary>
internal sealed record InteractionStart(InteractionResponse Response, Func<string?, CancellationToken, Task>? AfterDelivered = null);
