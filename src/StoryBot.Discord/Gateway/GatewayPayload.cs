using System.Text.Json;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Reads the envelope of a Gateway frame: the payload itself, its sequence and HELLO's heartbeat
/// interval. A frame that is not readable JSON, or a field of the wrong type or size, must not throw
/// on the receive loop: it would end the connection without a word of why.
/// </summary>
internal static class GatewayPayload
{
    /// <summary>Discord's usual interval, for a HELLO that gives no usable one.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromMilliseconds(41250);

    /// <summary>Faster would outrun the Gateway's 120 sends a minute; Discord asks for tens of seconds.</summary>
    private static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>Far above Discord's 41.25 s and far below what <see cref="Task.Delay(TimeSpan)"/> takes.</summary>
    private static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromDays(1);

    public static GatewayFrame Read(ReadOnlyMemory<byte> utf8) =>
        JsonPayload.TryParse(utf8, out var root) ? GatewayFrame.Payload(root) : GatewayFrame.Unreadable;

    /// <summary>A dispatch's sequence number (<c>s</c>), or null when it has none that fits a long.</summary>
    public static long? Sequence(JsonElement payload) =>
        payload.Child("s") is { ValueKind: JsonValueKind.Number } s && s.TryGetInt64(out var sequence) ? sequence : null;

    public static TimeSpan HeartbeatInterval(JsonElement hello) =>
        hello.Child("d")?.Child("heartbeat_interval") is { ValueKind: JsonValueKind.Number } value
        && value.TryGetDouble(out var milliseconds)
        && milliseconds >= MinHeartbeatInterval.TotalMilliseconds
        && milliseconds <= MaxHeartbeatInterval.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(milliseconds)
            : DefaultHeartbeatInterval;
}
