using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>"What role does X play?" asks how X is involved: X's own entry answers it, whatever framing it comes in.</summary>
public sealed class InvolvementQuestionTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("What part does SoftBank have in this?", "One of the investors named behind Stargate")]
    [InlineData("what role does microsoft play", "Satya Nadella's company")]
    [InlineData("How is MGX involved?", "Middle East AI fund")]
    [InlineData("where does nadella fit in", "CEO of Microsoft")]
    [InlineData("Welche Rolle spielt SoftBank bei der ganzen Sache?", "Stargate-Investoren")]
    [InlineData("Wie ist Trump beteiligt?", "US-Präsident")]
    [InlineData("was hat xAI damit zu tun", "KI-Unternehmen")]
    public Task TheEntitysOwnEntryAnswers(string question, string says) => _bot.AssertAnswersSayingAsync(question, says);

    [Theory]
    [InlineData("What role does Oracle play in Stargate?")]
    [InlineData("Welche Rolle spielt Nvidia?")]
    [InlineData("how is the EU involved in this fight")]
    public Task SomeoneTheStoryNeverMentionsGetsNoCitation(string question) => _bot.AssertAbstainsAsync(question);
}
