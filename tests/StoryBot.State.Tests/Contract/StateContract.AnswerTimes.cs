using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

/// <summary>The overview's answer times: recorded with each answer and abstention, read as one day's percentiles across instances.</summary>
public abstract partial class StateContract
{
    [StorageFact]
    public async Task AnswerTimesRecordedByTwoInstancesAndReadAfterARestartAreOneDaysNearestRankPercentiles()
    {
        var first = Start();
        var second = Start();
        await first.PostTimedAnswerAsync("m-yesterday", TimeSpan.FromSeconds(30));
        Time.Advance(TimeSpan.FromDays(1));
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

        // 1.5 ms to 150 ms in steps of 1.5 ms, in no order: answers on one instance, abstentions on the other.
        foreach (var step in Enumerable.Range(1, 100).OrderBy(i => (i * 37) % 101))
        {
            var answerTime = TimeSpan.FromMilliseconds(step * 1.5);
            if (step % 2 == 0)
            {
                await first.PostTimedAnswerAsync($"m-{step}", answerTime);
            }
            else
            {
                await second.Get<UnansweredLog>().RecordAsync(Unanswered($"question {step}?", Language.English) with { AnswerTime = answerTime }, CancellationToken.None);
            }
        }

        // Recorded as before answer times were: counted with the day's questions, not in its times.
        await first.PostAnswerAsync("m-untimed", Language.English, "a-1");
        await second.Get<UnansweredLog>().RecordAsync(Unanswered("untimed?", Language.English), CancellationToken.None);
        await first.DisposeAsync();
        var restarted = Start();

        var figures = await restarted.Get<AnswerStatistics>().LatencyAsync(today, CancellationToken.None);
        var fromTheOther = await second.Get<AnswerStatistics>().LatencyAsync(today, CancellationToken.None);

        Assert.Equal(new LatencyFigures(100, TimeSpan.FromMilliseconds(75), TimeSpan.FromMilliseconds(142.5), TimeSpan.FromMilliseconds(148.5)), figures);
        Assert.Equal(figures, fromTheOther);
        Assert.Equal(new LatencyFigures(1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)), await restarted.Get<AnswerStatistics>().LatencyAsync(today.AddDays(-1), CancellationToken.None));
    }

    [StorageFact]
    public async Task ADayWithoutATimedAnswerHasNoAnswerTimes()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-untimed", Language.English, "a-1");

        var figures = await bot.Get<AnswerStatistics>().LatencyAsync(DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime), CancellationToken.None);

        Assert.Null(figures);
    }

    [StorageFact]
    public async Task WithFewAnswersEachPercentileIsTheSmallestTimeWithAtLeastItsShareAtOrBelowIt()
    {
        var bot = Start();
        await bot.PostTimedAnswerAsync("m-1", TimeSpan.FromMilliseconds(40));
        await bot.PostTimedAnswerAsync("m-2", TimeSpan.FromMilliseconds(10));
        await bot.PostTimedAnswerAsync("m-3", TimeSpan.FromMilliseconds(30));

        var figures = await bot.Get<AnswerStatistics>().LatencyAsync(DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime), CancellationToken.None);

        Assert.Equal(new LatencyFigures(3, TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(40)), figures);
    }
}
