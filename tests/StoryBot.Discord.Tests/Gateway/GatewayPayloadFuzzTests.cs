using CsCheck;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Rest;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Discord.Tests.Gateway;

/// <summary>No frame, however malformed, makes reading it throw: an unreadable one is reported as such.</summary>
public sealed class GatewayPayloadFuzzTests
{
    private static readonly Gen<string> Data = JsonInputs.ObjectOf(
        ("heartbeat_interval", JsonInputs.NumberOf(41250, 1, 45000)),
        ("session_id", JsonInputs.StringOf("abc")),
        ("resume_gateway_url", JsonInputs.StringOf("wss://gateway.example")),
        ("user", JsonInputs.ObjectOf(("id", JsonInputs.StringOf("1")))),
        ("content", JsonInputs.StringOf("who is musk?")));

    private static readonly Gen<byte[]> Frames = JsonInputs.Bytes(JsonInputs.ObjectOf(
        ("op", JsonInputs.NumberOf(0, 1, 7, 9, 10, 11)),
        ("s", JsonInputs.NumberOf(1, 42)),
        ("t", JsonInputs.StringOf("READY", "RESUMED", "MESSAGE_CREATE", "INTERACTION_CREATE")),
        ("d", Data)));

    [Fact]
    public void ReadingAnyFrameAndItsEnvelopeNeverThrows() =>
        Frames.Sample(bytes =>
        {
            var frame = GatewayPayload.Read(bytes);
            if (frame.IsUnreadable)
            {
                return;
            }

            _ = frame.Data.Int("op");
            _ = frame.Data.String("t");
            _ = GatewayPayload.Sequence(frame.Data);
            var data = frame.Data.Child("d") ?? default;
            _ = data.String("session_id");
            _ = data.Child("user")?.String("id");
            var interval = GatewayPayload.HeartbeatInterval(frame.Data);

            // At most 120 sends a minute; the heartbeat waits with Task.Delay, which takes at most about 49 days.
            Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        }, iter: 2000);
}
