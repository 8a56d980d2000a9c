using System.Text.Json.Nodes;

namespace StoryBot.Slack.Inbound;

/// <summary>
/// The single acknowledgement of one request. Whoever completes it first wins: the handler with a
/// reply that rides in the ack, or the deadline with an empty ack, after which the handler answers
/// through response_url instead.
/// </summary>
internal sealed class SlackAck(bool acceptsPayload = true)
{
    private readonly TaskCompletionSource<JsonObject?> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the payload sent in the ack (null for an empty ack).</summary>
    public Task<JsonObject?> Sent => _sent.Task;

    /// <returns>True when this call made the acknowledgement (and so its payload reaches Slack).</returns>
    /// <remarks>
    /// Where the transport cannot carry a payload (a socket envelope without
    /// <c>accepts_response_payload</c>), a reply is refused here so the caller uses response_url.
    /// </remarks>
    public bool TryAcknowledge(JsonObject? payload) =>
        (payload is null || acceptsPayload) && _sent.TrySetResult(payload);
}
