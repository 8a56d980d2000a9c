using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Dashboard.Tests.TestSupport;

namespace StoryBot.Dashboard.Tests.Pages;

/// <summary>The overview's answer times are today's, as every instance sharing the state store recorded them.</summary>
public sealed class OverviewOverHttpTests
{
    private const string Question = "How much has SoftBank secured according to Musk?";

    [Fact]
    public async Task TheAnswerTimesOfTwoInstancesSharingTheStoreShowAsTodaysPercentilesUntilTheDayEnds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero));
        await using var first = await DashboardBot.StartAsync(overrides: services => services.AddSingleton<TimeProvider>(time));
        await using var second = await DashboardBot.StartAsync(
            [$"--Storage:ConnectionString=Data Source={Path.Combine(first.Folder, "state.db")}"],
            services => services.AddSingleton<TimeProvider>(time));
        await RecordAnswerAsync(first, "m-1", TimeSpan.FromMilliseconds(10));
        await RecordAnswerAsync(first, "m-2", TimeSpan.FromMilliseconds(30));
        await RecordAnswerAsync(second, "m-3", TimeSpan.FromMilliseconds(20));
        await second.Services.GetRequiredService<IUnansweredQuestions>().RecordAsync(
            new UnansweredQuestion("Who won the football match yesterday?", Language.English, "console", ChannelKind.Console, time.GetUtcNow()) { AnswerTime = TimeSpan.FromMilliseconds(40) },
            CancellationToken.None);
        using var client = new DashboardClient(second.Address);
        using var signedIn = await client.SignInAsync(second.LoggedSignInLink());

        var today = await client.GetPageAsync("/");
        time.Advance(TimeSpan.FromHours(2));
        var tomorrow = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Over today's 4 answered and unanswered questions, across all instances", today, StringComparison.Ordinal);
        Assert.Contains("<strong>20 ms</strong> median (p50)", today, StringComparison.Ordinal);
        Assert.Contains("<strong>40 ms</strong> p95", today, StringComparison.Ordinal);
        Assert.Contains("<strong>40 ms</strong> p99", today, StringComparison.Ordinal);
        Assert.Contains("No answered or unanswered question timed yet today.", tomorrow, StringComparison.Ordinal);
    }

    /// <summary>An answer the pipeline timed at <paramref name="answerTime"/>, posted as <paramref name="messageId"/> on the console.</summary>
    private static async Task RecordAnswerAsync(DashboardBot bot, string messageId, TimeSpan answerTime)
    {
        var request = new ChatRequest("console", "console", "operator", Question) { ChannelKind = ChannelKind.Console };
        var reply = await bot.Services.GetRequiredService<IChatBot>().RespondAsync(request, CancellationToken.None);
        await bot.Services.GetRequiredService<IAnswerRecorder>().RecordAsync(
            new PostedMessage("console", "console", messageId), request with { AnswerTime = answerTime }, reply, CancellationToken.None);
    }
}
