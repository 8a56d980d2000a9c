using System.Globalization;
using System.Text;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Quality;

/// <summary>The figures of Quality/README.md over one question set, with the misses that explain them.</summary>
internal sealed record QualityFigures(
    int Questions,
    int Answerable,
    int OutOfScope,
    double Top1,
    double Top3,
    double OutOfScopeAbstained,
    double WronglyAbstained,
    double WrongTop3,
    double LanguageMatch,
    string Report)
{
    public static async Task<QualityFigures> MeasureAsync(IChatBot bot, IReadOnlyList<EvaluationQuestion> questions)
    {
        var report = new StringBuilder();
        var kinds = new SortedDictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
        int answerable = 0, top1 = 0, top3 = 0, wronglyAbstained = 0, wrong = 0, outOfScope = 0, abstained = 0, languageRight = 0;
        foreach (var question in questions)
        {
            var reply = await bot.Bot(question.Question);
            Ask.AssertQuotesAreVerbatim(reply);
            var cited = reply.Citations.Select(c => c.Id).ToList();
            var language = reply.Language.Code() == question.Language;
            languageRight += language ? 1 : 0;
            if (!language)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"LANGUAGE {question.Language}->{reply.Language.Code()}: {question.Question}");
            }

            bool right;
            if (question.Answerable)
            {
                answerable++;
                right = cited.Count > 0 && question.Expected.Contains(cited[0]);
                top1 += right ? 1 : 0;
                top3 += cited.Take(3).Any(question.Expected.Contains) ? 1 : 0;
                wronglyAbstained += reply.Abstained ? 1 : 0;
                wrong += !reply.Abstained && !cited.Take(3).Any(question.Expected.Contains) ? 1 : 0;
                if (!right)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"MISS [{string.Join(",", question.Expected)}] got [{string.Join(",", cited)}]: {question.Question}");
                }
            }
            else
            {
                outOfScope++;
                right = reply.Abstained;
                abstained += right ? 1 : 0;
                if (!right)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"ANSWERED out of scope [{string.Join(",", cited)}]: {question.Question}");
                }
            }

            var kind = kinds.GetValueOrDefault(question.Kind);
            kinds[question.Kind] = (kind.Right + (right ? 1 : 0), kind.Total + 1);
        }

        report.Append("by kind (right/total):");
        foreach (var (kind, (right, total)) in kinds)
        {
            report.Append(CultureInfo.InvariantCulture, $" {kind} {right}/{total};");
        }

        return new QualityFigures(
            questions.Count,
            answerable,
            outOfScope,
            Ratio(top1, answerable),
            Ratio(top3, answerable),
            Ratio(abstained, outOfScope),
            Ratio(wronglyAbstained, answerable),
            Ratio(wrong, answerable),
            Ratio(languageRight, questions.Count),
            report.ToString());
    }

    private static double Ratio(int count, int total) => total == 0 ? 0 : (double)count / total;

    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"{Questions} questions ({Answerable} answerable, {OutOfScope} out of scope): top-1 {Top1:P1}, top-3 {Top3:P1}, out-of-scope abstained {OutOfScopeAbstained:P1}, answerable wrongly abstained {WronglyAbstained:P1}, answered with no right excerpt in the top 3 {WrongTop3:P1}, language {LanguageMatch:P1}");

    public override string ToString() => Summary + Environment.NewLine + Report;
}
