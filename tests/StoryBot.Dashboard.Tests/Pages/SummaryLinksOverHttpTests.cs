using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.State.Summaries;

namespace StoryBot.Dashboard.Tests.Pages;

/// <summary>The summary ledger page links each posted summary to its message on the platform, where the ledger kept a link.</summary>
public sealed class SummaryLinksOverHttpTests
{
    private const string DiscordLink = "https://discord.com/channels/290926798626357999/1234567890123456789/1300000000000000001";

    [Fact]
    public async Task APostedSummaryWithALinkIsShownAsALabelledLinkToItsMessage()
    {
        await using var bot = await DashboardBot.StartAsync();
        await RecordPostedAsync(bot, "daily-discord", 8, new PostedMessage("discord", "1234567890123456789", "1300000000000000001"), DiscordLink);

        var page = await SignedInPageAsync(bot);

        Assert.Contains(
            $"<a href=\"{DiscordLink}\" rel=\"noopener noreferrer\" aria-label=\"Open the summary of daily-discord for ",
            page,
            StringComparison.Ordinal);
        Assert.Contains("UTC in discord (message 1300000000000000001)\">1300000000000000001</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASummaryRecordedWithoutALinkOrWithOneThatIsNoWebAddressShowsOnlyItsMessageId()
    {
        await using var bot = await DashboardBot.StartAsync();
        await RecordPostedAsync(bot, "daily-old", 7, new PostedMessage("slack", "C0OLD", "1700000000.000100"), permalink: null);
        await RecordPostedAsync(bot, "daily-odd", 9, new PostedMessage("slack", "C0ODD", "1700000000.000200"), "javascript:alert(1)");

        var page = await SignedInPageAsync(bot);

        Assert.Contains("1700000000.000100", page, StringComparison.Ordinal);
        Assert.Contains("1700000000.000200", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Open the summary of", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", page, StringComparison.Ordinal);
    }

    private static async Task RecordPostedAsync(DashboardBot bot, string schedule, int hour, PostedMessage message, string? permalink)
    {
        var ledger = bot.Services.GetRequiredService<ISummaryLedger>();
        var now = bot.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var slot = new SummarySlot(schedule, new DateTimeOffset(now.Year, now.Month, now.Day, hour, 0, 0, TimeSpan.Zero));
        await ledger.TryClaimAsync(new SlotClaim(slot, $"{hour:00}:00 UTC", message.Platform, message.ChannelId, "instance-1"), now, now.AddMinutes(5), CancellationToken.None);
        Assert.True(await ledger.MarkPostedAsync(slot, "instance-1", now, message, permalink, "v1", ["e-1"], CancellationToken.None));
    }

    private static async Task<string> SignedInPageAsync(DashboardBot bot)
    {
        using var client = new DashboardClient(bot.Address);
        using var signedIn = await client.SignInAsync(bot.LoggedSignInLink());
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return await client.GetPageAsync("/Summaries");
    }
}
