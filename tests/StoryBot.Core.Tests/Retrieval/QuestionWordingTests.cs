using StoryBot.Core.Retrieval;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>Questions that say the same in other words are one group for the curators' tally.</summary>
public sealed class QuestionWordingTests
{
    [Theory]
    [InlineData("Who is Sam Altman?", "who's sam altman??")]
    [InlineData("Who is Sam Altman?", "Wer ist Sam Altman")]
    [InlineData("who won the lawsuit?", "WHO WON THE LAWSUIT")]
    [InlineData("How much did SoftBank pay?", "wie viel did softbank pay")]
    [InlineData("Who is Sam Altman?", "Sam Altman, who is he?")]
    [InlineData("Wie viele Mitarbeiter hat xAI?", "wie viele mitarbeiter hat xai")]
    public void TheSameQuestionInOtherWordsIsOneGroup(string one, string other) =>
        Assert.Equal(QuestionWording.KeyOf(one), QuestionWording.KeyOf(other));

    [Theory]
    [InlineData("Who is Sam Altman?", "Where is Sam Altman?")]
    [InlineData("When did SoftBank pay?", "How much did SoftBank pay?")]
    [InlineData("Who won the lawsuit?", "Who lost the lawsuit?")]
    [InlineData("Why did Musk post?", "When did Musk post?")]
    public void QuestionsAskingForAnotherKindOfAnswerOrAboutAnotherTopicAreApart(string one, string other) =>
        Assert.NotEqual(QuestionWording.KeyOf(one), QuestionWording.KeyOf(other));

    [Fact]
    public void AKeyIsTheKindOfAnswerAskedForAndTheTopicWordsInOrder() =>
        Assert.Equal("person: 12 launch paid", QuestionWording.KeyOf("Who paid for launch 12?"));

    [Fact]
    public void AQuestionOfNothingButQuestionWordsIsKeyedByItsWording()
    {
        Assert.Equal("who?", QuestionWording.KeyOf(" Who? "));
        Assert.NotEqual(QuestionWording.KeyOf("who?"), QuestionWording.KeyOf("why?"));
    }
}
