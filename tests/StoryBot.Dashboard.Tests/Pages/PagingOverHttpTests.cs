using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Tests.Pages;

public sealed partial class PagingOverHttpTests
{
    [Fact]
    public async Task AListLongerThanAPageShowsTwentyFiveRowsAndLinksToTheNextPageAndBack()
    {
        await using var bot = await DashboardBot.StartAsync();
        var log = bot.Services.GetRequiredService<UnansweredLog>();
        var now = bot.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        for (var i = 0; i < 26; i++)
        {
            await log.RecordAsync(new UnansweredQuestion(string.Create(CultureInfo.InvariantCulture, $"question {i:00}?"), Language.English, "console", ChannelKind.Console, now.AddSeconds(i)), CancellationToken.None);
        }

        using var client = new DashboardClient(bot.Address);
        using var signedIn = await client.SignInAsync(bot.LoggedSignInLink());
        var first = await client.GetPageAsync("/Unanswered");
        var second = await client.GetPageAsync("/Unanswered?p=2");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(25, Questions().Count(first));
        Assert.Contains("href=\"/Unanswered?p=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Equal(["question 00?"], Questions().Matches(second).Select(m => m.Groups[1].Value));
        Assert.Contains("href=\"/Unanswered?p=1\" rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [GeneratedRegex("<td lang=\"en\">(question \\d+\\?)</td>")]
    private static partial Regex Questions();
}
