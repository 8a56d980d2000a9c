using System.Globalization;
using System.Text;
using StoryBot.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace StoryBot.Core.Tests.Quality;

/// <summary>
/// Behavioural tests in the CheckList manner: every answerable question of the test set, asked
/// with chat noise around it, must get the same first citation (or the same abstention) as when
/// asked cleanly.
/// </summary>
public sealed class NoiseInvarianceTests(ITestOutputHelper output)
{
    private const double Target = 0.98;

    [Fact]
    public async Task ChatNoiseAroundATestQuestionKeepsItsFirstCitation()
    {
        var bot = StoryServices.ChatBot();
        var report = new StringBuilder();
        int variants = 0, kept = 0;
        foreach (var question in QuestionSet.Load(QuestionSet.Test).Where(q => q.Answerable))
        {
            var clean = FirstCitation(await bot.Bot(question.Question));
            foreach (var (noise, text) in NoiseVariants.Of(question.Question, question.Language))
            {
                variants++;
                var noisy = FirstCitation(await bot.Bot(text));
                if (noisy == clean)
                {
                    kept++;
                }
                else
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"{noise}: {clean} -> {noisy}: {text}");
                }
            }
        }

        var share = (double)kept / variants;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kept} of {variants} noisy variants kept the first citation ({share:P1})"));
        output.WriteLine(report.ToString());
        Assert.True(variants >= 6 * 50, "too few variants");
        Assert.True(share >= Target, string.Create(CultureInfo.InvariantCulture, $"{share:P1} < {Target:P0}\n{report}"));
    }

    private static string FirstCitation(Core.Answering.Reply reply) =>
        reply.Abstained ? "(abstained)" : reply.Citations.Count > 0 ? reply.Citations[0].Id : "(no citation)";
}
