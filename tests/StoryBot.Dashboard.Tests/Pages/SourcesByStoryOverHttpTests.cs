using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.State.Moderation;
using StoryBot.Testing;

namespace StoryBot.Dashboard.Tests.Pages;

/// <summary>The sources and excerpts page of a host serving several stories, one story at a time.</summary>
public sealed class SourcesByStoryOverHttpTests : IDisposable
{
    private const string HarbourExcerpt = "cost-40m";
    private const string StargateExcerpt = "musk-softbank-under-10bn";

    private readonly TwoStoryKnowledge _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public async Task ThePageShowsTheDefaultStoryUnlessAnotherIsChosen()
    {
        await using var bot = await DashboardBot.StartAsync([$"--Knowledge:Path={_knowledge.Path}", $"--Stories:Default={TwoStoryKnowledge.Stargate}"]);
        using var client = new DashboardClient(bot.Address);
        using var signedIn = await client.SignInAsync(bot.LoggedSignInLink());

        var byDefault = await client.GetPageAsync("/Sources");
        var harbour = await client.GetPageAsync("/Sources?story=" + TwoStoryKnowledge.Harbour);

        Assert.Contains(StargateExcerpt, byDefault, StringComparison.Ordinal);
        Assert.DoesNotContain(HarbourExcerpt, byDefault, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{TwoStoryKnowledge.Harbour}\" selected=\"selected\">", harbour, StringComparison.Ordinal);
        Assert.Contains(HarbourExcerpt, harbour, StringComparison.Ordinal);
        Assert.DoesNotContain(StargateExcerpt, harbour, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExcerptOfTheStoryChosenCanBeWithdrawnFromItsPage()
    {
        await using var bot = await DashboardBot.StartAsync([$"--Knowledge:Path={_knowledge.Path}", $"--Stories:Default={TwoStoryKnowledge.Stargate}"]);
        using var client = new DashboardClient(bot.Address);
        using var signedIn = await client.SignInAsync(bot.LoggedSignInLink());
        var harbour = await client.GetPageAsync("/Sources?story=" + TwoStoryKnowledge.Harbour);

        // The form carries the story: the default story has no such excerpt, so without it the withdrawal is refused.
        Assert.Contains($"story={TwoStoryKnowledge.Harbour}", harbour, StringComparison.Ordinal);
        using var withdrawn = await client.PostAsync(
            $"/Sources?handler=Withdraw&story={TwoStoryKnowledge.Harbour}", DashboardClient.AntiforgeryToken(harbour), ("kind", "excerpt"), ("id", HarbourExcerpt), ("reason", "figure corrected"));

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal($"/Sources?story={TwoStoryKnowledge.Harbour}", withdrawn.Headers.Location?.OriginalString);
        var listed = Assert.Single(await bot.Services.GetRequiredService<DisabledCitations>().ListAsync(CancellationToken.None));
        Assert.Equal(CitationTarget.Excerpt(HarbourExcerpt), listed.Target);
    }
}
