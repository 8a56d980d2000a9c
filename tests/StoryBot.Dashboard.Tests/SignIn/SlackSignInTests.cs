using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Tests.SignIn;

/// <summary>"Sign in with Slack" (OpenID Connect) against a fake of Slack's OpenID Connect server on loopback.</summary>
public sealed class SlackSignInTests
{
    [Fact]
    public async Task ASlackModeratorSignsInWithSlackAndActsUnderTheirSlackId()
    {
        await using var slack = await FakeSlackOpenId.StartAsync();
        slack.Consenting = new("U0MOD");
        await using var bot = await DashboardBot.StartAsync([.. slack.Settings, "--Slack:ModeratorUserIds:0=U0MOD"]);
        using var client = new DashboardClient(bot.Address);

        using var back = await SignInWithSlackAsync(client, slack);
        var sources = await client.GetPageAsync("/Sources");
        using var withdrawn = await client.PostAsync("/Sources?handler=Withdraw", DashboardClient.AntiforgeryToken(sources), ("kind", "excerpt"), ("id", "musk-softbank-under-10bn"), ("reason", "misleading"));

        Assert.Equal("/SignIn?handler=Continue", back.Headers.Location!.OriginalString);
        Assert.Contains("Signed in as slack:U0MOD", sources, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var entry = (await bot.Services.GetRequiredService<AuditLog>().PageAsync(0, 1, CancellationToken.None))[0];
        Assert.Equal(new Actor("web", "slack:U0MOD"), entry.Actor);
        Assert.Equal(AuditLog.Actions.Disable, entry.Action);
    }

    [Fact]
    public async Task AMemberOfAModeratorUserGroupSignsIn()
    {
        await using var slack = await FakeSlackOpenId.StartAsync();
        slack.Consenting = new("U0HELPER");
        slack.Groups["S0OTHER"] = ["U0SOMEONE"];
        slack.Groups["S0MODS"] = ["U0ELSE", "U0HELPER"];
        await using var bot = await DashboardBot.StartAsync(
            [.. slack.Settings, .. FakeSlackOpenId.BotSettings, "--Slack:ModeratorUserGroupIds:0=S0OTHER", "--Slack:ModeratorUserGroupIds:1=S0MODS"]);
        using var client = new DashboardClient(bot.Address);

        using var back = await SignInWithSlackAsync(client, slack);
        using var overview = await client.GetAsync("/");

        Assert.Equal("/SignIn?handler=Continue", back.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Fact]
    public async Task ASlackUserWhoDoesNotModerateIsRefusedAndTheRefusalIsAudited()
    {
        await using var slack = await FakeSlackOpenId.StartAsync();
        slack.Consenting = new("U0READER");
        slack.Groups["S0MODS"] = ["U0MOD"];
        await using var bot = await DashboardBot.StartAsync(
            [.. slack.Settings, "--Slack:ModeratorUserIds:0=U0MOD", .. FakeSlackOpenId.BotSettings, "--Slack:ModeratorUserGroupIds:0=S0MODS"]);
        using var client = new DashboardClient(bot.Address);

        using var back = await SignInWithSlackAsync(client, slack);
        using var refused = await client.GetAsync(back.Headers.Location!.OriginalString);
        using var overview = await client.GetAsync("/");

        Assert.Equal("/SignIn?refused=slack", back.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("not one of the bot&#x27;s Slack moderators", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        var entry = (await bot.Services.GetRequiredService<AuditLog>().PageAsync(0, 1, CancellationToken.None))[0];
        Assert.Equal(new Actor("web", "slack:U0READER"), entry.Actor);
        Assert.Equal(AuditLog.Actions.Refused, entry.Action);
    }

    [Fact]
    public async Task AModeratorIdFromAnotherWorkspaceIsRefusedAndTheRefusalIsAudited()
    {
        await using var slack = await FakeSlackOpenId.StartAsync();
        slack.Consenting = new("U0MOD", "T0OTHER");
        await using var bot = await DashboardBot.StartAsync([.. slack.Settings, "--Slack:ModeratorUserIds:0=U0MOD"]);
        using var client = new DashboardClient(bot.Address);

        using var back = await SignInWithSlackAsync(client, slack);
        using var refused = await client.GetAsync(back.Headers.Location!.OriginalString);
        using var overview = await client.GetAsync("/");

        Assert.Equal("/SignIn?refused=slack-team", back.Headers.Location!.OriginalString);
        Assert.Contains("not in the bot&#x27;s Slack workspace", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        var entry = (await bot.Services.GetRequiredService<AuditLog>().PageAsync(0, 1, CancellationToken.None))[0];
        Assert.Equal(new Actor("web", "slack:U0MOD"), entry.Actor);
        Assert.Equal(AuditLog.Actions.Refused, entry.Action);
    }

    [Fact]
    public async Task ACallbackWithAForgedStateSignsNobodyInAndNeverExchangesTheCode()
    {
        await using var slack = await FakeSlackOpenId.StartAsync();
        slack.Consenting = new("U0MOD");
        await using var bot = await DashboardBot.StartAsync([.. slack.Settings, "--Slack:ModeratorUserIds:0=U0MOD"]);
        using var client = new DashboardClient(bot.Address);
        var code = PlatformSignIn.CodeIn(await PlatformSignIn.ConsentAsync(client, "Slack", slack.BaseUrl + "/openid/connect/authorize"));

        using var forged = await client.GetAsync($"/signin-slack?code={code}&state=forged-by-someone-else");
        using var overview = await client.GetAsync("/");

        Assert.Equal("/SignIn?failed=slack", forged.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal(0, slack.TokensIssued);
    }

    [Fact]
    public async Task WithoutSlackSettingsTheSignInPageOffersNoSlackButton()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = new DashboardClient(bot.Address);

        var page = await client.GetPageAsync("/SignIn");
        using var challenge = await client.GetAsync("/SignIn?handler=Slack");

        Assert.DoesNotContain("Sign in with Slack", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
    }

    private static Task<HttpResponseMessage> SignInWithSlackAsync(DashboardClient client, FakeSlackOpenId slack) =>
        PlatformSignIn.SignInAsync(client, "Sign in with Slack", "Slack", slack.BaseUrl + "/openid/connect/authorize");
}
