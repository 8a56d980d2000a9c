using System.Net;

namespace StoryBot.Dashboard.Tests.TestSupport;

/// <summary>A browser's round trip through a platform's sign-in page (Discord's or Slack's fake), which consents at once.</summary>
internal static class PlatformSignIn
{
    /// <summary>From the sign-in page's <paramref name="button"/> to the platform and back to the callback, which answers with a redirect.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(DashboardClient client, string button, string handler, string authorizeUrl)
    {
        var page = await client.GetPageAsync("/SignIn");
        Assert.Contains(button, page, StringComparison.Ordinal);
        var callback = await ConsentAsync(client, handler, authorizeUrl);
        var back = await client.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back;
    }

    /// <summary>To the platform (<c>/SignIn?handler=…</c>) and its consent: the callback address it sends the browser back to.</summary>
    public static async Task<Uri> ConsentAsync(DashboardClient client, string handler, string authorizeUrl)
    {
        using var toPlatform = await client.GetAsync("/SignIn?handler=" + handler);
        Assert.StartsWith(authorizeUrl, toPlatform.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var outside = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consented = await outside.GetAsync(toPlatform.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, consented.StatusCode);
        return consented.Headers.Location!;
    }

    /// <summary>The code in a callback address.</summary>
    public static string CodeIn(Uri callback) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
}
