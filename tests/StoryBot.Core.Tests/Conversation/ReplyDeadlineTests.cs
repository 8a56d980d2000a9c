using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Conversation;

public sealed class ReplyDeadlineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task WorkAlreadyDoneIsWithinAnyBudgetEvenAnExhaustedOne()
    {
        Assert.True(await ReplyDeadline.CompletesWithinAsync(Task.CompletedTask, TimeSpan.Zero, _time));
    }

    [Fact]
    public async Task WorkThatFinishesBeforeTheDeadlineIsWithinIt()
    {
        var work = new TaskCompletionSource();
        var waiting = ReplyDeadline.CompletesWithinAsync(work.Task, TimeSpan.FromSeconds(2), _time);

        _time.Advance(TimeSpan.FromSeconds(1));
        work.SetResult();

        Assert.True(await waiting);
    }

    [Fact]
    public async Task WorkStillRunningAtTheDeadlineIsNotWithinItAndIsLeftRunning()
    {
        var work = new TaskCompletionSource();
        var waiting = ReplyDeadline.CompletesWithinAsync(work.Task, TimeSpan.FromSeconds(2), _time);

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await waiting);
        Assert.False(work.Task.IsCompleted);
    }

    [Fact]
    public async Task ABudgetAlreadySpentDoesNotWait()
    {
        Assert.False(await ReplyDeadline.CompletesWithinAsync(new TaskCompletionSource().Task, TimeSpan.FromMilliseconds(-5), _time));
    }
}
