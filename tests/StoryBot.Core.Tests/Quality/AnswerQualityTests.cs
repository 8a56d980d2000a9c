using System.Globalization;
using System.Text;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace StoryBot.Core.Tests.Quality;

/// <summary>
/// Runs the whole evaluation set through the chat bot and holds the engine to the quality
/// bar: right citations, abstention when the story has no answer, the asker's language.
/// </summary>
public sealed class AnswerQualityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MeetsTheQualityBarOnTheEvaluationSet()
    {
        var bot = StoryServices.ChatBot();
        var questions = QuestionSet.Load();
        var report = new StringBuilder();
        int answerable = 0, top1 = 0, top3 = 0, wronglyAbstained = 0, outOfScope = 0, abstained = 0, languageRight = 0;

        foreach (var question in questions)
        {
            var reply = await bot.RespondAsync(new ChatRequest("console", "eval", "eval", question.Question), CancellationToken.None);
            var cited = reply.Citations.Select(c => c.Id).ToList();
            if (reply.Language.Code() == question.Language)
            {
                languageRight++;
            }
            else
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"LANGUAGE {question.Language}->{reply.Language.Code()}: {question.Question}");
            }

            if (question.Answerable)
            {
                answerable++;
                top1 += cited.Count > 0 && question.Expected.Contains(cited[0]) ? 1 : 0;
                top3 += cited.Take(3).Any(question.Expected.Contains) ? 1 : 0;
                wronglyAbstained += reply.Abstained ? 1 : 0;
                if (cited.Count == 0 || !question.Expected.Contains(cited[0]))
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"MISS [{string.Join(",", question.Expected)}] got [{string.Join(",", cited)}]: {question.Question}");
                }
            }
            else
            {
                outOfScope++;
                abstained += reply.Abstained ? 1 : 0;
                if (!reply.Abstained)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"ANSWERED out of scope [{string.Join(",", cited)}]: {question.Question}");
                }
            }
        }

        var figures = new QualityFigures(
            Top1: Ratio(top1, answerable),
            Top3: Ratio(top3, answerable),
            OutOfScopeAbstained: Ratio(abstained, outOfScope),
            WronglyAbstained: Ratio(wronglyAbstained, answerable),
            LanguageMatch: Ratio(languageRight, questions.Count));
        output.WriteLine($"{questions.Count} questions ({answerable} answerable, {outOfScope} out of scope)");
        output.WriteLine(figures.ToString());
        output.WriteLine(report.ToString());

        var because = figures + Environment.NewLine + report;
        Assert.True(answerable >= 80 && outOfScope >= 20, "the set is too small");
        Assert.True(figures.Top1 >= 0.90, because);
        Assert.True(figures.Top3 >= 0.97, because);
        Assert.True(figures.OutOfScopeAbstained >= 0.90, because);
        Assert.True(figures.WronglyAbstained <= 0.05, because);
        Assert.True(figures.LanguageMatch >= 0.95, because);
    }

    private static double Ratio(int count, int total) => total == 0 ? 0 : (double)count / total;

    private sealed record QualityFigures(double Top1, double Top3, double OutOfScopeAbstained, double WronglyAbstained, double LanguageMatch)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"top-1 {Top1:P1}, top-3 {Top3:P1}, out-of-scope abstained {OutOfScopeAbstained:P1}, answerable wrongly abstained {WronglyAbstained:P1}, language {LanguageMatch:P1}");
    }
}
