using StoryBot.Core.Conversation;

namespace StoryBot.Core.Platforms;

/// <summary>What became of a post or an edit, as the platform's adapter understood it.</summary>
public enum PostOutcome
{
    /// <summary>The message is in the channel (or was edited).</summary>
    Posted,

    /// <summary>Not now (rate limits, the platform down, the network): trying again later may work.</summary>
    Transient,

    /// <summary>Never (the message is gone, the bot may not post there, the token is dead): do something else.</summary>
    Permanent,
}

/// <summary>
/// The answer of an <see cref="IChannelPoster"/>: features decide from <see cref="Outcome"/> whether to
/// retry, give up or fall back, and show <see cref="Reason"/> in their records, without knowing any
/// adapter's exceptions or error codes.
/// </summary>
public sealed record PostResult
{
    /// <summary>Longer reasons are cut: they go into logs and database rows.</summary>
    public const int MaxReasonLength = 500;

    private PostResult(PostOutcome outcome, PostedMessage? message, string? reason)
    {
        Outcome = outcome;
        Message = message;
        Reason = reason is null ? null : TextElements.Shorten(reason, MaxReasonLength);
    }

    public PostOutcome Outcome { get; }

    /// <summary>The message posted or edited; set when <see cref="Outcome"/> is <see cref="PostOutcome.Posted"/>.</summary>
    public PostedMessage? Message { get; }

    /// <summary>Why it failed, in the platform's words (tokens and capability URLs left out by the adapter).</summary>
    public string? Reason { get; }

    public bool IsPosted => Outcome == PostOutcome.Posted;

    /// <summary>
    /// A web address that opens the posted message, where the adapter knows one (Discord's message
    /// link, Slack's archive link); null otherwise. Only an address: no platform type crosses here.
    /// </summary>
    public string? Permalink { get; init; }

    public static PostResult Posted(PostedMessage message) => new(PostOutcome.Posted, message ?? throw new ArgumentNullException(nameof(message)), null);

    public static PostResult Transient(string reason) => new(PostOutcome.Transient, null, reason);

    public static PostResult Permanent(string reason) => new(PostOutcome.Permanent, null, reason);

    /// <summary>A failure nobody classified (a bug, an unexpected exception): worth another try.</summary>
    public static PostResult Unexpected(Exception exception) =>
        Transient($"{exception?.GetType().Name}: {exception?.Message}");
}
