using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Quality;

/// <summary>
/// Behavioural tests in the CheckList manner: a question whose premise the story contradicts
/// (the words put in the wrong mouth) must not get the excerpt that would seem to confirm it, unless
/// the answer first says who really said it; "the story doesn't say" is also acceptable.
/// </summary>
public sealed class FalsePremiseTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("Why did Altman say Stargate does not have the money?", "musk-they-dont-have-the-money")]
    [InlineData("Why does Altman doubt that Stargate has the money?", "musk-claims-no-money")]
    [InlineData("Why did Musk say Stargate is great for the country?", "altman-great-for-the-country")]
    [InlineData("Warum hat Altman behauptet, SoftBank habe weniger als 10 Milliarden?", "musk-softbank-under-10bn")]
    [InlineData("Warum bezweifelt Altman, dass Stargate das Geld hat, das es angeblich hat?", "musk-claims-no-money")]
    [InlineData("Why did Musk reply that the claim about SoftBank was wrong?", "altman-wrong")]
    public async Task AQuoteIsNeverShownAsTheWordsOfTheWrongPerson(string question, string confirming)
    {
        var reply = await _bot.Bot(question);

        var citesIt = reply.Citations.Count > 0 && reply.Citations[0].Id == confirming;
        var corrects = reply.Text.StartsWith("According to the story it was", StringComparison.Ordinal)
            || reply.Text.StartsWith("Laut der Geschichte war es", StringComparison.Ordinal);
        Assert.True(reply.Abstained || !citesIt || corrects, $"“{question}” was answered with {confirming} and no correction: {reply.Text}");
    }
}
