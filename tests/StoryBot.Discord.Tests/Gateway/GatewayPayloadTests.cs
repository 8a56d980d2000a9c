using System.Text;
using StoryBot.Discord.Gateway;

namespace StoryBot.Discord.Tests.Gateway;

/// <summary>Frames the fuzz tests found throwing on the receive loop.</summary>
public sealed class GatewayPayloadTests
{
    [Theory]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    [InlineData("{\"op\": 0, \"t\": \"READY\\ud800\"}")]
    [InlineData("{\"op\": 0,")]
    public void AFrameThatIsNotReadableJsonIsReportedUnreadable(string frame)
    {
        Assert.True(GatewayPayload.Read(Encoding.UTF8.GetBytes(frame)).IsUnreadable);
    }

    [Theory]
    [InlineData("{\"op\": 0, \"s\": 1.5}")]
    [InlineData("{\"op\": 0, \"s\": 1e30}")]
    [InlineData("{\"op\": 0, \"s\": \"7\"}")]
    public void ASequenceThatIsNotALongIsIgnored(string frame)
    {
        Assert.Null(GatewayPayload.Sequence(GatewayPayload.Read(Encoding.UTF8.GetBytes(frame)).Data));
    }

    [Theory]
    [InlineData("\"41250\"")]
    [InlineData("1e400")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("1e-10")]
    [InlineData("1e300")]
    public void AHelloIntervalThatIsNotAUsableNumberFallsBackToDiscordsUsualOne(string interval)
    {
        var hello = GatewayPayload.Read(Encoding.UTF8.GetBytes($"{{\"op\": 10, \"d\": {{\"heartbeat_interval\": {interval}}}}}")).Data;

        Assert.Equal(GatewayPayload.DefaultHeartbeatInterval, GatewayPayload.HeartbeatInterval(hello));
    }
}
