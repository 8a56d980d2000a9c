using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Dashboard.Tests.TestSupport;
using StoryBot.Hosting;

namespace StoryBot.Dashboard.Tests.SignIn;

/// <summary>The one-time link against the real listener on loopback.</summary>
public sealed class SignInOverHttpTests
{
    private static readonly string[] Pages = ["/", "/Reports", "/Sources", "/History?kind=excerpt&id=x", "/Unanswered", "/Summaries", "/Audit"];

    [Fact]
    public async Task EveryPageSendsAVisitorWhoHasNotSignedInToTheSignInPage()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = new DashboardClient(bot.Address);

        foreach (var page in Pages)
        {
            using var response = await client.GetAsync(page);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/SignIn", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task TheLoggedLinkSignsInOnceWithAStrictHttpOnlyCookieAndEveryPageThenAnswers()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = new DashboardClient(bot.Address);
        var link = bot.LoggedSignInLink();

        using var signedIn = await client.SignInAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DashboardWebApp.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", string.Empty, StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        foreach (var page in Pages)
        {
            using var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {response.StatusCode}");
            Assert.Contains("<meta name=\"viewport\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Browsing logs nothing: the dashboard's server logs warnings only, and gives none.
        Assert.DoesNotContain(bot.Logs.GetSnapshot(), r => r.Category?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task BehindAnHttpsProxyOnThisMachineTheCookiesAreSecure()
    {
        await using var bot = await DashboardBot.StartAsync();

        // The proxy's side of the hop: plain http on loopback, saying the browser spoke https.
        using var proxy = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = bot.Address };
        proxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var opened = await proxy.GetAsync(new Uri(bot.LoggedSignInLink()).PathAndQuery);
        var page = await opened.Content.ReadAsStringAsync();
        var antiforgery = Assert.Single(opened.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DashboardWebApp.AntiforgeryCookieName + "=", StringComparison.Ordinal));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/SignIn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"token\" value=\"([^\"]+)\"").Groups[1].Value,
                ["__RequestVerificationToken"] = DashboardClient.AntiforgeryToken(page),
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var signedIn = await proxy.SendAsync(post);

        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DashboardWebApp.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AUsedLinkIsRefusedAndItsTokenIsNeverLoggedAgain()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var first = new DashboardClient(bot.Address);
        using var second = new DashboardClient(bot.Address);
        var link = bot.LoggedSignInLink();
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        using var signedIn = await first.SignInAsync(link);

        using var opened = await second.GetAsync(new Uri(link).PathAndQuery);
        var otherPage = await second.GetPageAsync(new Uri(bot.NewSignInLink()).PathAndQuery);
        using var replayed = await second.PostAsync("/SignIn", DashboardClient.AntiforgeryToken(otherPage), ("token", token));
        using var overview = await second.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.Contains("used or has expired", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Single(bot.Logs.GetSnapshot(), r => r.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredLinkIsRefused()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using var bot = await DashboardBot.StartAsync(["--Dashboard:SignInLinkLifetime=00:10:00"], services => services.AddSingleton<TimeProvider>(time));
        using var client = new DashboardClient(bot.Address);
        var link = bot.LoggedSignInLink();
        var page = await client.GetPageAsync(new Uri(link).PathAndQuery);

        time.Advance(TimeSpan.FromMinutes(10));
        using var late = await client.PostAsync("/SignIn", DashboardClient.AntiforgeryToken(page), ("token", link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]));
        using var reopened = await client.GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reopened.StatusCode);
    }

    [Fact]
    public async Task ASignInFormPostedWithoutItsAntiforgeryTokenIsRefused()
    {
        await using var bot = await DashboardBot.StartAsync();
        using var client = new DashboardClient(bot.Address);
        var link = bot.LoggedSignInLink();
        await client.GetPageAsync(new Uri(link).PathAndQuery);

        using var forged = await client.PostAsync("/SignIn", antiforgeryToken: null, ("token", link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(DashboardWebApp.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADashboardAddressBeyondLoopbackStopsTheStartNamingTheSetting()
    {
        using var host = StoryBotApp.Build(RunMode.Parse(["--Dashboard:Enabled=true", "--Dashboard:Urls=http://0.0.0.0:8082", $"--Knowledge:Path={StoryBot.Testing.RepositoryFiles.Knowledge}"]));

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        Assert.Contains("Dashboard:AllowRemote", failure.Message, StringComparison.Ordinal);
    }
}
