using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace StoryBot.Dashboard.Tests.TestSupport;

/// <summary>
/// Discord's OAuth2 authorization code flow and the three user endpoints the dashboard reads, on
/// loopback: the authorize page consents at once as <see cref="Consenting"/>, a code works once, and
/// a token only with the client secret.
/// </summary>
internal sealed class FakeDiscordOAuth : IAsyncDisposable
{
    public const string ClientId = "app-1";
    public const string ClientSecret = "secret-1";
    public const string GuildId = "guild-1";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, DiscordUser> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DiscordUser> _tokens = new(StringComparer.Ordinal);

    private FakeDiscordOAuth(WebApplication app) => _app = app;

    /// <summary>A Discord user: their permissions in <see cref="GuildId"/> (null: not a member) and roles there.</summary>
    public sealed record DiscordUser(string Id, string? Permissions, params string[] Roles);

    /// <summary>Who is signed in to Discord in the browser, and consents.</summary>
    public DiscordUser Consenting { get; set; } = new("user-1", "0");

    public string BaseUrl { get; private set; } = string.Empty;

    public int TokensIssued => _tokens.Count;

    public string[] Settings =>
    [
        $"--Dashboard:Discord:ClientId={ClientId}",
        $"--Dashboard:Discord:ClientSecret={ClientSecret}",
        $"--Dashboard:Discord:GuildId={GuildId}",
        $"--Dashboard:Discord:AuthorizeUrl={BaseUrl}/oauth2/authorize",
        $"--Discord:ApiBaseUrl={BaseUrl}/api/v10",
    ];

    public static async Task<FakeDiscordOAuth> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        var app = builder.Build();
        var fake = new FakeDiscordOAuth(app);
        app.MapGet("/oauth2/authorize", (Func<HttpContext, IResult>)fake.Authorize);
        app.MapPost("/api/v10/oauth2/token", (Func<HttpContext, Task<IResult>>)fake.TokenAsync);
        app.MapGet("/api/v10/users/@me", (HttpContext context) => fake.WithUser(context, user => Results.Json(new { id = user.Id, username = "name-" + user.Id })));
        app.MapGet("/api/v10/users/@me/guilds", (HttpContext context) => fake.WithUser(context, user => Results.Json(
            user.Permissions is null ? [new { id = "other-guild", permissions = "8" }] : new[] { new { id = "other-guild", permissions = "8" }, new { id = GuildId, permissions = user.Permissions } })));
        app.MapGet("/api/v10/users/@me/guilds/{guild}/member", (HttpContext context, string guild) => fake.WithUser(context, user =>
            guild == GuildId && user.Permissions is not null ? Results.Json(new { roles = user.Roles }) : Results.NotFound()));
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return fake;
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["response_type"] != "code" || query["client_id"] != ClientId || string.IsNullOrEmpty(query["state"]) || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            return Results.BadRequest();
        }

        var code = NewSecret();
        _codes[code] = Consenting;
        return Results.Redirect(QueryHelpers.AddQueryString(query["redirect_uri"]!, new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] }));
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
            || !_codes.TryRemove(form["code"].ToString(), out var user))
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var token = NewSecret();
        _tokens[token] = user;
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 604800, scope = "identify guilds" });
    }

    private IResult WithUser(HttpContext context, Func<DiscordUser, IResult> answer)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.TryGetValue(header["Bearer ".Length..], out var user)
            ? answer(user)
            : Results.Unauthorized();
    }

    private static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
