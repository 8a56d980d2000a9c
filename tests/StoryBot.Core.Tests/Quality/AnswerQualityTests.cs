using Xunit.Abstractions;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Quality;

/// <summary>
/// Runs each question set through the chat bot. The floors are the figures measured when the
/// engine last changed, less a small margin: they stop a change from quietly making answers
/// worse. The targets the engine is working towards, and how far each set is from them, are in
/// the README; the test and held-out sets are never tuned on.
/// </summary>
public sealed class AnswerQualityTests(ITestOutputHelper output)
{
    [Fact]
    public Task TheDevelopmentSetStaysAtItsMeasuredQuality() =>
        HoldsAsync(QuestionSet.Development, top1: 0.82, top3: 0.83, outOfScopeAbstained: 0.90, wronglyAbstained: 0.14);

    [Fact]
    public Task TheTestSetStaysAtItsMeasuredQuality() =>
        HoldsAsync(QuestionSet.Test, top1: 0.94, top3: 0.98, outOfScopeAbstained: 0.88, wronglyAbstained: 0.03);

    [Fact]
    public Task TheHeldOutSetStaysAtItsMeasuredQuality() =>
        HoldsAsync(QuestionSet.HeldOut, top1: 0.76, top3: 0.77, outOfScopeAbstained: 0.82, wronglyAbstained: 0.19);

    private async Task HoldsAsync(string set, double top1, double top3, double outOfScopeAbstained, double wronglyAbstained)
    {
        var figures = await QualityFigures.MeasureAsync(StoryServices.ChatBot(), QuestionSet.Load(set));
        output.WriteLine(set + ": " + figures);

        var because = set + ": " + figures;
        Assert.True(figures.Answerable >= 50 && figures.OutOfScope >= 20, "the set is too small");
        Assert.True(figures.Top1 >= top1, because);
        Assert.True(figures.Top3 >= top3, because);
        Assert.True(figures.OutOfScopeAbstained >= outOfScopeAbstained, because);
        Assert.True(figures.WronglyAbstained <= wronglyAbstained, because);
        Assert.True(figures.LanguageMatch >= 0.97, because);
    }
}
