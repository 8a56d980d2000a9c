using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>Names find their entity in every spelling curation lists, and everyday words never do.</summary>
public sealed class EntityNameTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("when will stargate open its first data centre")]
    [InlineData("Wann eröffnet Stargate sein erstes Rechenzentrum?")]
    public Task AnEverydayWordInsideAMisspelledAliasNamesNobody(string question) =>
        // "OpenAl", a listed misspelling of OpenAI, stems to "open": that must not make "open" mean OpenAI.
        _bot.AssertAbstainsAsync(question);

    [Theory]
    [InlineData("What is Open AI?", "AI company led by Sam Altman")]
    [InlineData("who runs open ai", "CEO of OpenAI")]
    public Task ANameWrittenApartIsReadAsOneName(string question, string says) => _bot.AssertAnswersSayingAsync(question, says);

    [Fact]
    public async Task AnInflectedNameStillFindsItsEntity()
    {
        var reply = await _bot.Bot("Was behauptet Musks Beitrag?");

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Contains(reply.Citations, c => c.Id.StartsWith("musk-", StringComparison.Ordinal));
    }
}
