using System.Net;
using System.Text.RegularExpressions;

namespace StoryBot.Dashboard.Tests.TestSupport;

/// <summary>A browser-like HTTP client for the dashboard: keeps cookies, follows no redirect, posts forms with their antiforgery token.</summary>
internal sealed partial class DashboardClient : IDisposable
{
    private readonly HttpClient _http;

    public DashboardClient(Uri address)
    {
        Handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        _http = new HttpClient(Handler) { BaseAddress = address };
    }

    public HttpClientHandler Handler { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens the one-time link and presses its Sign in button.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string link)
    {
        var page = await GetPageAsync(new Uri(link).PathAndQuery);
        var token = Regex.Match(page, "name=\"token\" value=\"([^\"]+)\"").Groups[1].Value;
        return await PostAsync("/SignIn", AntiforgeryToken(page), ("token", token));
    }

    /// <summary>Posts a form as the browser would, with the antiforgery token of the page it was on (or none).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? antiforgeryToken, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (antiforgeryToken is not null)
        {
            values.Add(new("__RequestVerificationToken", antiforgeryToken));
        }

        return _http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(values));
    }

    public static string AntiforgeryToken(string page) =>
        AntiforgeryPattern().Match(page) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no form with an antiforgery token");

    public void Dispose()
    {
        _http.Dispose();
        Handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
