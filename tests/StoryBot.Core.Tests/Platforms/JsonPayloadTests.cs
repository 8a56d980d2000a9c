using System.Text;
using StoryBot.Core.Platforms;

namespace StoryBot.Core.Tests.Platforms;

public sealed class JsonPayloadTests
{
    [Fact]
    public void AnOrdinaryPayloadIsReadAndOutlivesItsBuffer()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type": "event_callback", "event": {"text": "Wer ist Sam Altman? 🤔", "n": 12345678901234567890123}}""");

        Assert.True(JsonPayload.TryParse(bytes, out var root));
        Array.Clear(bytes);

        Assert.Equal("Wer ist Sam Altman? 🤔", root.GetProperty("event").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"text": "a \ud800 b"}""")]
    [InlineData("""{"text": "a \udfff b"}""")]
    [InlineData("""{"a \ud800": "key"}""")]
    [InlineData("""[["deep", {"x": "\udc00"}]]""")]
    [InlineData("""{"text": """)]
    [InlineData("")]
    public void WhatCannotBeReadIsRefused(string json)
    {
        Assert.False(JsonPayload.TryParse(json, out _));
    }

    [Fact]
    public void BytesThatAreNotUtf8AreRefused()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("{\"text\": \""), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\"}")];

        Assert.False(JsonPayload.TryParse(bytes, out _));
    }

    [Fact]
    public void NestingDeeperThanAnyPlatformPayloadIsRefused()
    {
        var deep = new string('[', JsonPayload.MaxDepth + 1) + new string(']', JsonPayload.MaxDepth + 1);
        var fine = new string('[', JsonPayload.MaxDepth) + new string(']', JsonPayload.MaxDepth);

        Assert.False(JsonPayload.TryParse(deep, out _));
        Assert.True(JsonPayload.TryParse(fine, out _));
    }
}
