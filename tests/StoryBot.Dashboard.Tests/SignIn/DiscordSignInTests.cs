using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Tests.SignIn;

/// <summary>"Sign in with Discord" against a fake of Discord's OAuth2 server on loopback.</summary>
public sealed class DiscordSignInTests
{
    [Fact]
    public async Task AModeratorOfTheServerSignsInWithDiscordAndActsUnderTheirDiscordId()
    {
        await using var discord = await FakeDiscordOAuth.StartAsync();
        discord.Consenting = new("mod-7", "32");
        await using var bot = await DashboardBot.StartAsync(discord.Settings);
        using var client = new DashboardClient(bot.Address);

        using var back = await SignInWithDiscordAsync(client, discord);
        var continuing = await client.GetPageAsync(back.Headers.Location!.OriginalString);
        var sources = await client.GetPageAsync("/Sources");
        using var withdrawn = await client.PostAsync("/Sources?handler=Withdraw", DashboardClient.AntiforgeryToken(sources), ("kind", "excerpt"), ("id", "musk-softbank-under-10bn"), ("reason", "misleading"));

        Assert.Equal("/SignIn?handler=Continue", back.Headers.Location!.OriginalString);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"0;url=/\">", continuing, StringComparison.Ordinal);
        Assert.Contains("Signed in as discord:mod-7", sources, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var entry = (await bot.Services.GetRequiredService<AuditLog>().PageAsync(0, 1, CancellationToken.None))[0];
        Assert.Equal(new Actor("web", "discord:mod-7"), entry.Actor);
        Assert.Equal(AuditLog.Actions.Disable, entry.Action);
    }

    [Theory]
    [InlineData("1024")]
    [InlineData(null)]
    public async Task AMemberWithoutTheModeratorPermissionOrANonMemberIsRefusedAndTheRefusalIsAudited(string? permissions)
    {
        await using var discord = await FakeDiscordOAuth.StartAsync();
        discord.Consenting = new("member-8", permissions);
        await using var bot = await DashboardBot.StartAsync(discord.Settings);
        using var client = new DashboardClient(bot.Address);

        using var back = await SignInWithDiscordAsync(client, discord);
        using var refused = await client.GetAsync(back.Headers.Location!.OriginalString);
        using var overview = await client.GetAsync("/");

        Assert.Equal("/SignIn?refused=discord", back.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("does not moderate the bot&#x27;s Discord server", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        var entry = (await bot.Services.GetRequiredService<AuditLog>().PageAsync(0, 1, CancellationToken.None))[0];
        Assert.Equal(new Actor("web", "discord:member-8"), entry.Actor);
        Assert.Equal(AuditLog.Actions.Refused, entry.Action);
    }

    [Fact]
    public async Task AMemberWithOneOfTheModeratorRolesSignsIn()
    {
        await using var discord = await FakeDiscordOAuth.StartAsync();
        discord.Consenting = new("helper-3", "0", "role-other", "role-mod");
        await using var bot = await DashboardBot.StartAsync([.. discord.Settings, "--Discord:ModeratorRoleIds:0=role-mod"]);
        using var client = new DashboardClient(bot.Address);

        using var back = await SignInWithDiscordAsync(client, discord);
        using var overview = await client.GetAsync("/");

        Assert.Equal("/SignIn?handler=Continue", back.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Fact]
    public async Task ACallbackWithAForgedStateSignsNobodyInAndSpendsNoCode()
    {
        await using var discord = await FakeDiscordOAuth.StartAsync();
        discord.Consenting = new("mod-7", "32");
        await using var bot = await DashboardBot.StartAsync(discord.Settings);
        using var client = new DashboardClient(bot.Address);
        var code = PlatformSignIn.CodeIn(await PlatformSignIn.ConsentAsync(client, "Discord", discord.BaseUrl + "/oauth2/authorize"));

        using var forged = await client.GetAsync($"/signin-discord?code={code}&state=forged-by-someone-else");
        using var overview = await client.GetAsync("/");

        Assert.Equal("/SignIn?failed=discord", forged.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal(0, discord.TokensIssued);
    }

    [Fact]
    public async Task WithoutDiscordSettingsTheSignInPageOffersNoDiscordButton()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = new DashboardClient(bot.Address);

        var page = await client.GetPageAsync("/SignIn");
        using var challenge = await client.GetAsync("/SignIn?handler=Discord");

        Assert.DoesNotContain("Sign in with Discord", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
    }

    private static Task<HttpResponseMessage> SignInWithDiscordAsync(DashboardClient client, FakeDiscordOAuth discord) =>
        PlatformSignIn.SignInAsync(client, "Sign in with Discord", "Discord", discord.BaseUrl + "/oauth2/authorize");
}
