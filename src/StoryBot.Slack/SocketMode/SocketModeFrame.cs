using System.Text.Json;
using StoryBot.Core.Platforms;
using StoryBot.Slack.Inbound;

namespace StoryBot.Slack.SocketMode;

/// <summary>
/// What one Socket Mode frame says: Slack's hello with its connection count, a disconnect warning
/// with its reason, or an envelope to route. Reading it never throws: a frame of the wrong shape is
/// <see cref="SocketModeFrameKind.Unreadable"/> or <see cref="SocketModeFrameKind.Other"/>.
/// </summary>
internal readonly record struct SocketModeFrame(SocketModeFrameKind Kind, JsonElement Root, int ConnectionCount, string? Reason)
{
    public static SocketModeFrame Read(ReadOnlyMemory<byte> utf8)
    {
        if (!JsonPayload.TryParse(utf8, out var root))
        {
            return new(SocketModeFrameKind.Unreadable, default, 0, null);
        }

        return root.GetStringOrNull("type") switch
        {
            "hello" => new(SocketModeFrameKind.Hello, root, ConnectionCountOf(root), null),
            "disconnect" => new(SocketModeFrameKind.Disconnect, root, 0, root.GetStringOrNull("reason") ?? "unknown"),
            _ when root.GetStringOrNull("envelope_id") is not null => new(SocketModeFrameKind.Envelope, root, 0, null),
            _ => new(SocketModeFrameKind.Other, root, 0, null),
        };
    }

    /// <summary>The connection count, or 0 when hello gives none that fits an int.</summary>
    private static int ConnectionCountOf(JsonElement hello) =>
        hello.TryGetProperty("num_connections", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var value) ? value : 0;
}

internal enum SocketModeFrameKind
{
    Unreadable,
    Hello,
    Disconnect,
    Envelope,
    Other,
}
