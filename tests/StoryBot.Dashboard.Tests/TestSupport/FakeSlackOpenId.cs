using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StoryBot.Dashboard.Tests.TestSupport;

/// <summary>
/// Slack's "Sign in with Slack" (OpenID Connect) on loopback: a discovery document, its signing key,
/// an authorize page that consents at once as <see cref="Consenting"/>, a token endpoint whose code
/// works once and only with the client secret, answering with an RS256 id token carrying Slack's
/// user and team claims and the nonce it was asked for; and <c>usergroups.users.list</c> for the bot token.
/// </summary>
internal sealed class FakeSlackOpenId : IAsyncDisposable
{
    public const string ClientId = "slack-app-1";
    public const string ClientSecret = "slack-secret-1";
    public const string TeamId = "T0TEAM";
    public const string BotToken = "xoxb-fake";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (SlackUser User, string Nonce)> _codes = new(StringComparer.Ordinal);
    private int _tokensIssued;

    private FakeSlackOpenId(WebApplication app) => _app = app;

    /// <summary>A Slack user and the workspace they sign in from.</summary>
    public sealed record SlackUser(string Id, string TeamId = TeamId);

    /// <summary>Who is signed in to Slack in the browser, and consents.</summary>
    public SlackUser Consenting { get; set; } = new("U0USER");

    /// <summary>The members of each user group, as <c>usergroups.users.list</c> answers.</summary>
    public Dictionary<string, string[]> Groups { get; } = new(StringComparer.Ordinal);

    public string BaseUrl { get; private set; } = string.Empty;

    public int TokensIssued => _tokensIssued;

    /// <summary>The bot's own Slack settings (the adapter on, over HTTP) that let the dashboard read user groups.</summary>
    public static string[] BotSettings =>
    [
        $"--Slack:BotToken={BotToken}",
        "--Slack:SigningSecret=signing-secret",
    ];

    public string[] Settings =>
    [
        $"--Dashboard:Slack:ClientId={ClientId}",
        $"--Dashboard:Slack:ClientSecret={ClientSecret}",
        $"--Dashboard:Slack:TeamId={TeamId}",
        $"--Dashboard:Slack:BaseUrl={BaseUrl}/",
        $"--Slack:ApiBaseUrl={BaseUrl}/api/",
    ];

    public static async Task<FakeSlackOpenId> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        var app = builder.Build();
        var fake = new FakeSlackOpenId(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new
        {
            issuer = fake.BaseUrl,
            authorization_endpoint = fake.BaseUrl + "/openid/connect/authorize",
            token_endpoint = fake.BaseUrl + "/api/openid.connect.token",
            userinfo_endpoint = fake.BaseUrl + "/api/openid.connect.userInfo",
            jwks_uri = fake.BaseUrl + "/openid/connect/keys",
            scopes_supported = new[] { "openid", "profile", "email" },
            response_types_supported = new[] { "code" },
            response_modes_supported = new[] { "query" },
            grant_types_supported = new[] { "authorization_code" },
            subject_types_supported = new[] { "public" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "client_secret_post", "client_secret_basic" },
        }));
        app.MapGet("/openid/connect/keys", () =>
        {
            var key = fake._key.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "fake-key", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } } });
        });
        app.MapGet("/openid/connect/authorize", (Func<HttpContext, IResult>)fake.Authorize);
        app.MapPost("/api/openid.connect.token", (Func<HttpContext, Task<IResult>>)fake.TokenAsync);
        app.MapPost("/api/auth.test", () => Results.Json(new { ok = true, user_id = "U0BOT", team_id = TeamId, bot_id = "B0BOT" }));
        app.MapPost("/api/usergroups.users.list", (Func<HttpContext, Task<IResult>>)fake.GroupMembersAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return fake;
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["response_type"] != "code" || query["client_id"] != ClientId || !query["scope"].ToString().Split(' ').Contains("openid")
            || string.IsNullOrEmpty(query["state"]) || string.IsNullOrEmpty(query["nonce"]) || string.IsNullOrEmpty(query["redirect_uri"]) || query["team"] != TeamId)
        {
            return Results.BadRequest();
        }

        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (Consenting, query["nonce"].ToString());
        return Results.Redirect(QueryHelpers.AddQueryString(query["redirect_uri"]!, new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] }));
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
            || !_codes.TryRemove(form["code"].ToString(), out var granted))
        {
            return Results.Json(new { ok = false, error = "invalid_code" }, statusCode: StatusCodes.Status400BadRequest);
        }

        Interlocked.Increment(ref _tokensIssued);
        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BaseUrl,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", granted.User.Id),
                new Claim("nonce", granted.Nonce),
                new Claim("https://slack.com/user_id", granted.User.Id),
                new Claim("https://slack.com/team_id", granted.User.TeamId),
                new Claim("name", "name-" + granted.User.Id),
            ]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "fake-key" }, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { ok = true, access_token = "xoxp-" + granted.User.Id, token_type = "Bearer", id_token = idToken });
    }

    private async Task<IResult> GroupMembersAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        return context.Request.Headers.Authorization != "Bearer " + BotToken
            ? Results.Json(new { ok = false, error = "invalid_auth" })
            : Groups.TryGetValue(form["usergroup"].ToString(), out var users)
                ? Results.Json(new { ok = true, users })
                : Results.Json(new { ok = false, error = "no_such_subteam" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
