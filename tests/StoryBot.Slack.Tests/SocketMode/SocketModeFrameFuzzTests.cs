using CsCheck;
using StoryBot.Slack.Inbound;
using StoryBot.Slack.SocketMode;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Slack.Tests.SocketMode;

/// <summary>Any frame reads as one kind or another, and what the router parses from an envelope's payload never throws.</summary>
public sealed class SocketModeFrameFuzzTests
{
    private static readonly Gen<byte[]> Frames = JsonInputs.Bytes(JsonInputs.ObjectOf(
        ("type", JsonInputs.StringOf("hello", "disconnect", "slash_commands", "events_api", "interactive")),
        ("num_connections", JsonInputs.NumberOf(1, 4)),
        ("reason", JsonInputs.StringOf("refresh_requested", "link_disabled", "warning")),
        ("envelope_id", JsonInputs.StringOf("e1")),
        ("accepts_response_payload", JsonInputs.Mostly(Gen.OneOf("true", "false"))),
        ("payload", StoryBot.Slack.Tests.Http.SlackPayloadInputs.Payload)));

    [Fact]
    public void AnyFrameReadsWithoutAThrowAndSoDoesItsEnvelope() =>
        Frames.Sample(bytes =>
        {
            var frame = SocketModeFrame.Read(bytes);
            if (frame.Kind == SocketModeFrameKind.Envelope)
            {
                var payload = frame.Root.GetObjectOrDefault("payload");
                _ = SlashCommand.FromJson(payload)?.CommandLine;
                _ = SlackEvent.FromCallback(payload);
                _ = BlockAction.FromPayload(payload);
                _ = payload.GetStringOrNull("trigger_id");
            }
        }, iter: 2000);

    [Theory]
    [InlineData("\"4\"")]
    [InlineData("4.5")]
    [InlineData("1e400")]
    [InlineData("null")]
    public void AHelloWhoseConnectionCountIsNotAnIntCountsNone(string count)
    {
        // Found by the fuzz above: a string here threw out of the receive loop.
        var frame = SocketModeFrame.Read(System.Text.Encoding.UTF8.GetBytes($"{{\"type\": \"hello\", \"num_connections\": {count}}}"));

        Assert.Equal(SocketModeFrameKind.Hello, frame.Kind);
        Assert.Equal(0, frame.ConnectionCount);
    }
}
