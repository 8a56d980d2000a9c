using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StoryBot.Core.Conversation;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.State.Summaries;
using StoryBot.Testing;

namespace StoryBot.Dashboard.Tests.EndToEnd;

/// <summary>
/// The dashboard in headless Chromium, against the bot's own host: a moderator signs in with the
/// logged link, resolves a report by withdrawing the excerpt, and the bot's next answer no longer
/// cites it; a question asked afterwards fills the unanswered page. Each page is photographed
/// for docs/dashboard.md.
/// </summary>
public sealed class DashboardInBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Question = "Wie viel Geld hat SoftBank laut Musk?";
    private const string Excerpt = "musk-softbank-under-10bn";
    private const string DiscordSummaryLink = "https://discord.com/channels/290926798626357999/1234567890123456789/1300000000000000001";

    /// <summary>
    /// docs/dashboard/ when the docs are being refreshed (<c>STORYBOT_UPDATE_DOCS=1</c>); otherwise
    /// the pages are photographed all the same, beside the test's build output, so an ordinary run
    /// leaves the checkout as it found it.
    /// </summary>
    private static string Screenshots =>
        Environment.GetEnvironmentVariable("STORYBOT_UPDATE_DOCS") == "1"
            ? Path.Combine(RepositoryFiles.Root, "docs", "dashboard")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task AModeratorSignsInResolvesAReportByWithdrawingTheExcerptAndTheNextAnswerNoLongerCitesIt()
    {
        await using var bot = await DashboardBot.StartAsync();
        await AskSomeQuestionsAsync(bot);
        var before = await bot.AskAsync(Question);
        await bot.AskAsync("/report the figure is Musk's claim, not a fact");
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(bot.LoggedSignInLink());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("open reports")).ToBeVisibleAsync();
        await ShootAsync(page, "overview");

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).First.ClickAsync();
        var report = page.Locator("article.card").Filter(new() { HasText = "the figure is Musk's claim" });
        await Assertions.Expect(report.GetByText(Excerpt).First).ToBeVisibleAsync();
        await ShootAsync(page, "reports");
        await report.GetByLabel("Note (kept in the audit log)").FillAsync("quoted as a fact; it is Musk's claim");
        await report.GetByLabel("Excerpt to withdraw").SelectOptionAsync(Excerpt);
        await report.GetByRole(AriaRole.Button, new() { Name = "Withdraw and resolve" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"withdrew {Excerpt}");
        var after = await bot.AskAsync(Question);

        await page.GotoAsync(new Uri(bot.Address, "/Sources?status=Withdrawn").ToString());
        await Assertions.Expect(page.Locator($"#excerpt-{Excerpt}")).ToBeVisibleAsync();
        await ShootAsync(page, "sources");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "resolve-disable" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "web", Exact = true }).First).ToBeVisibleAsync();
        await ShootAsync(page, "audit");

        Assert.Contains(before.Citations, c => c.Id == Excerpt);
        Assert.DoesNotContain(after.Citations, c => c.Id == Excerpt);
    }

    [ChromiumFact]
    public async Task AQuestionAskedInTheConsoleAppearsOnTheUnansweredPage()
    {
        await using var bot = await DashboardBot.StartAsync();
        await RecordASummaryAsync(bot);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(bot.LoggedSignInLink());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Unanswered" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No question has gone unanswered yet.")).ToBeVisibleAsync();

        await AskSomeQuestionsAsync(bot);
        await page.ReloadAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Who will win the Champions League?" });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("2");
        await row.GetByRole(AriaRole.Button, new() { Name = "Add to pack" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Marked for the pack");
        await ShootAsync(page, "unanswered");
        await page.GetByRole(AriaRole.Link, new() { Name = "Summaries" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Posted" }).First).ToBeVisibleAsync();
        var link = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Open the summary of daily-discord for .* UTC in discord") });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", DiscordSummaryLink);
        await link.FocusAsync();
        await Assertions.Expect(link).ToBeFocusedAsync();
        await ShootAsync(page, "summaries");
    }

    [ChromiumFact]
    public async Task OnAPhoneTheOverviewFitsTheScreenAndEveryPageCanBeUsedByKeyboardWithLabelledFields()
    {
        await using var bot = await DashboardBot.StartAsync();
        await AskSomeQuestionsAsync(bot);
        var page = await chromium.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync(bot.LoggedSignInLink());

        // Keyboard only: the skip link first, then the button.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await ShootAsync(page, "overview-phone");
        var unlabelled = new List<string>();
        foreach (var path in new[] { "/", "/Reports", "/Sources", "/Unanswered", "/Summaries", "/Audit" })
        {
            await page.GotoAsync(new Uri(bot.Address, path).ToString());
            unlabelled.AddRange((await page.EvaluateAsync<string[]>(
                "[...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0).map(e => e.name)"))
                .Select(name => $"{path}: {name}"));
        }

        Assert.True(overflow <= 0, $"The overview is {overflow}px wider than a phone's screen");
        Assert.Empty(unlabelled);
    }

    [ChromiumFact]
    public async Task AModeratorSignsInWithDiscordAndARefusedMemberIsTurnedAway()
    {
        await using var discord = await FakeDiscordOAuth.StartAsync();
        await using var bot = await DashboardBot.StartAsync(discord.Settings);
        var moderator = await chromium.NewPageAsync();
        var member = await chromium.NewPageAsync();

        await moderator.GotoAsync(new Uri(bot.Address, "/SignIn").ToString());
        await ShootAsync(moderator, "sign-in");
        discord.Consenting = new("mod-7", "32");
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Sign in with Discord" }).ClickAsync();
        await Assertions.Expect(moderator.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(moderator.GetByText("Signed in as discord:mod-7")).ToBeVisibleAsync();

        await member.GotoAsync(new Uri(bot.Address, "/SignIn").ToString());
        discord.Consenting = new("member-8", "1024");
        await member.GetByRole(AriaRole.Link, new() { Name = "Sign in with Discord" }).ClickAsync();
        await Assertions.Expect(member.GetByText("does not moderate the bot's Discord server")).ToBeVisibleAsync();
        await member.GotoAsync(bot.Address.ToString());
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Questions from the console: answered ones, and one the story does not answer, twice.</summary>
    private static async Task AskSomeQuestionsAsync(DashboardBot bot)
    {
        await bot.AskAsync("Who is Sam Altman?");
        await bot.AskAsync("How much money could flow into Stargate?");
        await bot.AskAsync("Who will win the Champions League?");
        await bot.AskAsync("who will win the champions league?");
    }

    /// <summary>Daily summaries posted to the console (which has no links) and to Discord, as the scheduler records them.</summary>
    private static async Task RecordASummaryAsync(DashboardBot bot)
    {
        var ledger = bot.Services.GetRequiredService<ISummaryLedger>();
        var now = bot.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var slot = new SummarySlot("daily-console", new DateTimeOffset(now.Year, now.Month, now.Day, 8, 0, 0, TimeSpan.Zero));
        await ledger.TryClaimAsync(new SlotClaim(slot, "08:00 UTC", "console", "console", "instance-1"), now, now.AddMinutes(5), CancellationToken.None);
        await ledger.MarkPostedAsync(slot, "instance-1", now, new PostedMessage("console", "console", "1772438400000"), null, "v1", [Excerpt], CancellationToken.None);
        var discord = new SummarySlot("daily-discord", new DateTimeOffset(now.Year, now.Month, now.Day, 7, 0, 0, TimeSpan.Zero));
        await ledger.TryClaimAsync(new SlotClaim(discord, "07:00 UTC", "discord", "1234567890123456789", "instance-1"), now, now.AddMinutes(5), CancellationToken.None);
        await ledger.MarkPostedAsync(discord, "instance-1", now, new PostedMessage("discord", "1234567890123456789", "1300000000000000001"), DiscordSummaryLink, "v1", [Excerpt], CancellationToken.None);
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }
}
