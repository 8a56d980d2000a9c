using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Conversation;

public sealed class MessageQuestionTests
{
    [Theory]
    [InlineData("who is altman?", "/ask who is altman?")]
    [InlineData("/sources disable x", "/ask /sources disable x")]
    [InlineData(null, "/ask")]
    public void APickedMessageIsAlwaysAskedNeverRun(string? text, string expected) =>
        Assert.Equal(expected, MessageQuestion.CommandLine(text));
}
