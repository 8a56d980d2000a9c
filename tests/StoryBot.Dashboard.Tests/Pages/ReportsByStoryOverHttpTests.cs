using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.State.Moderation;
using StoryBot.Testing;

namespace StoryBot.Dashboard.Tests.Pages;

/// <summary>The reports queue of a host serving several stories, narrowed to one story's answers.</summary>
public sealed class ReportsByStoryOverHttpTests : IDisposable
{
    private const string Question = "Wie viel Geld hat SoftBank laut Musk?";

    private readonly TwoStoryKnowledge _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public async Task TheQueueOffersTheServedStoriesAndShowsOnlyTheReportsOfTheStoryChosen()
    {
        const string defaultStory = TwoStoryKnowledge.Stargate;
        const string otherStory = TwoStoryKnowledge.Harbour;
        await using var bot = await DashboardBot.StartAsync([$"--Knowledge:Path={_knowledge.Path}", $"--Stories:Default={defaultStory}"]);
        var reply = await bot.AskAsync(Question);
        await bot.AskAsync("/report reported in the default story");
        var log = bot.Services.GetRequiredService<AnswerLog>();
        using (StoryScope.Enter(otherStory))
        {
            await log.RecordAsync(new PostedMessage("console", "elsewhere", "m-other"), new ChatRequest("console", "elsewhere", "reader", Question), reply, CancellationToken.None);
        }

        var other = await log.FindByMessageAsync("console", "elsewhere", "m-other", CancellationToken.None);
        await bot.Services.GetRequiredService<ReaderReports>().FileAsync(new Actor("console", "reader"), other!, "reported in the other story", CancellationToken.None);
        using var client = new DashboardClient(bot.Address);
        using var signedIn = await client.SignInAsync(bot.LoggedSignInLink());

        var every = await client.GetPageAsync("/Reports");
        var ofOther = await client.GetPageAsync("/Reports?story=" + otherStory);
        var ofDefault = await client.GetPageAsync("/Reports?story=" + defaultStory);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains($"<option value=\"{otherStory}\">{otherStory}</option>", every, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{otherStory}\" selected=\"selected\">{otherStory}</option>", ofOther, StringComparison.Ordinal);
        Assert.Contains("reported in the default story", every, StringComparison.Ordinal);
        Assert.Contains("reported in the other story", every, StringComparison.Ordinal);
        Assert.DoesNotContain("reported in the default story", ofOther, StringComparison.Ordinal);
        Assert.Contains("reported in the other story", ofOther, StringComparison.Ordinal);
        Assert.Contains("reported in the default story", ofDefault, StringComparison.Ordinal);
        Assert.DoesNotContain("reported in the other story", ofDefault, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Reports?status=Dismissed&amp;story={otherStory}\"", ofOther, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostServingOneStoryOffersNoChoiceOfStory()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = new DashboardClient(bot.Address);
        using var signedIn = await client.SignInAsync(bot.LoggedSignInLink());

        var queue = await client.GetPageAsync("/Reports");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("No open reports.", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"story\"", queue, StringComparison.Ordinal);
    }
}
