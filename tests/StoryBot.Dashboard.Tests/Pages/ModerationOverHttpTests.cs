using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Tests.Pages;

/// <summary>
/// The dashboard's actions against the real listener: they go through the chat's own services, are
/// audited with the surface "web", and change what the bot answers next.
/// </summary>
public sealed class ModerationOverHttpTests
{
    private const string Question = "Wie viel Geld hat SoftBank laut Musk?";
    private const string Excerpt = "musk-softbank-under-10bn";

    [Fact]
    public async Task WithdrawingTheExcerptOfAReportedAnswerIsAuditedAsWebAndTheNextAnswerNoLongerCitesIt()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = await SignedInAsync(bot);
        var before = await bot.AskAsync(Question);
        await bot.AskAsync("/report the figure is Musk's claim, not a fact");
        var queue = await client.GetPageAsync("/Reports");
        var report = Assert.Single(await bot.Services.GetRequiredService<ReaderReports>().OpenAsync(10, CancellationToken.None));

        using var resolved = await client.PostAsync(
            "/Reports?handler=Withdraw",
            DashboardClient.AntiforgeryToken(queue),
            ("id", report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("excerpt", Excerpt),
            ("note", "quoted as fact"));
        var after = await bot.AskAsync(Question);

        Assert.Contains(before.Citations, c => c.Id == Excerpt);
        Assert.Contains("the figure is Musk&#x27;s claim, not a fact", queue, StringComparison.Ordinal);
        Assert.Contains(Excerpt, queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        Assert.DoesNotContain(after.Citations, c => c.Id == Excerpt);
        var audit = await bot.Services.GetRequiredService<AuditLog>().PageAsync(0, 10, CancellationToken.None);
        Assert.Contains(audit, e => e is { Actor.Platform: "web", Action: AuditLog.Actions.Disable, Target: "excerpt " + Excerpt });
        Assert.Contains(audit, e => e is { Actor.Platform: "web", Action: AuditLog.Actions.ResolveDisable } && e.Reason == Excerpt + " — quoted as fact");
        Assert.Contains("Report #" + report.Id + " resolved", await client.GetPageAsync("/Reports"), StringComparison.Ordinal);
        Assert.Contains("quoted as fact", await client.GetPageAsync("/Audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionPostedWithoutTheAntiforgeryTokenIsRefusedAndChangesNothing()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = await SignedInAsync(bot);

        using var forged = await client.PostAsync("/Sources?handler=Withdraw", antiforgeryToken: null, ("kind", "excerpt"), ("id", Excerpt), ("reason", "forged"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await bot.Services.GetRequiredService<DisabledCitations>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnExcerptWithdrawnAndRestoredOnTheWebShowsBothInItsHistory()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = await SignedInAsync(bot);
        var sources = await client.GetPageAsync("/Sources?q=" + Excerpt);

        using var withdrawn = await client.PostAsync("/Sources?handler=Withdraw", DashboardClient.AntiforgeryToken(sources), ("kind", "excerpt"), ("id", Excerpt), ("reason", "misleading"));
        var listed = await client.GetPageAsync("/Sources?status=Withdrawn");
        using var restored = await client.PostAsync("/Sources?handler=Restore", DashboardClient.AntiforgeryToken(listed), ("kind", "excerpt"), ("id", Excerpt));
        var history = await client.GetPageAsync($"/History?kind=excerpt&id={Excerpt}");

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Contains("Withdrawn</span> by web user operator", listed, StringComparison.Ordinal);
        Assert.Contains(Excerpt, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Empty(await bot.Services.GetRequiredService<DisabledCitations>().ListAsync(CancellationToken.None));
        Assert.Contains("<td>enable</td>", history, StringComparison.Ordinal);
        Assert.Contains("<td>misleading</td>", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuestionsTheStoryDoesNotAnswerAppearGroupedOnTheUnansweredPage()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = await SignedInAsync(bot);

        await bot.AskAsync("Who won the football match yesterday?");
        await bot.AskAsync("who won the football match yesterday?");
        var page = await client.GetPageAsync("/Unanswered");
        var overview = await client.GetPageAsync("/");

        Assert.Contains("football match yesterday?</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">2</td>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>2</strong> not answered by the story", overview, StringComparison.Ordinal);
        Assert.Contains("Over today's 2 answered and unanswered questions, across all instances", overview, StringComparison.Ordinal);
        Assert.Contains("No answer cited an excerpt in these days.", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACuratorMarksAnUnansweredQuestionForThePackAndTheMarkIsAuditedAsWeb()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = await SignedInAsync(bot);
        await bot.AskAsync("Who won the football match yesterday?");
        var page = await client.GetPageAsync("/Unanswered");

        using var marked = await client.PostAsync(
            "/Unanswered?handler=Mark", DashboardClient.AntiforgeryToken(page), ("question", "Who won the football match yesterday?"), ("forPack", "true"));
        var after = await client.GetPageAsync("/Unanswered");

        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Contains("Marked for the pack", after, StringComparison.Ordinal);
        Assert.Contains("<strong>Marked</strong>", after, StringComparison.Ordinal);
        var entry = (await bot.Services.GetRequiredService<AuditLog>().PageAsync(0, 1, CancellationToken.None))[0];
        Assert.Equal(new Actor("web", "operator"), entry.Actor);
        Assert.Equal(AuditLog.Actions.MarkForPack, entry.Action);
        Assert.Equal("question: Who won the football match yesterday?", entry.Target);
    }

    [Fact]
    public async Task TheOverviewRanksTheExcerptsTheAnswersCitedMost()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = await SignedInAsync(bot);
        await bot.AskAsync(Question);
        await bot.AskAsync("How much has SoftBank secured according to Musk?");

        var overview = await client.GetPageAsync("/");

        Assert.Matches($"<th scope=\"row\"><a href=\"/Sources\\?q={Excerpt}\">{Excerpt}</a></th><td class=\"number\">2</td>", overview);
    }

    private static async Task<DashboardClient> SignedInAsync(DashboardBot bot)
    {
        var client = new DashboardClient(bot.Address);
        using var response = await client.SignInAsync(bot.LoggedSignInLink());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
