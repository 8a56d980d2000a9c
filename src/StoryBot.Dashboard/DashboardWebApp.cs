using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Knowledge;
using StoryBot.Dashboard.Figures;
using StoryBot.Dashboard.Listening;
using StoryBot.Dashboard.SignIn;
using StoryBot.State.Moderation;
using StoryBot.State.Summaries;

namespace StoryBot.Dashboard;

/// <summary>
/// The dashboard's own web application: Razor Pages behind a sign-in cookie, antiforgery on every
/// form, and the bot's services (the same ones the chat commands call) handed in from its host.
/// </summary>
internal static class DashboardWebApp
{
    public const string CookieName = "storybot-dashboard";
    public const string AntiforgeryCookieName = "storybot-dashboard-antiforgery";

    /// <summary>Carries the line an action shows after its redirect.</summary>
    public const string StatusCookieName = "storybot-dashboard-status";
    public const string StylesheetPath = "/dashboard.css";

    /// <param name="server">The listener's own web server, whose empty application this builds.</param>
    public static WebApplication Build(IServiceProvider bot, DashboardOptions options, OwnWebServer server)
    {
        var builder = server.CreateBuilder(options.Addresses(), new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var logs = server.Logs;
        Forward(builder.Services, bot);

        // Keys live as long as the process: a restart signs everyone out, as it prints a new link.
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider(logs));
        var discord = bot.GetService<DiscordSignInSettings>();
        var slack = bot.GetService<SlackSignInSettings>();
        builder.Services.AddSingleton(new SignInMethods(Discord: discord is not null, Slack: slack is not null));
        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/SignIn";
            cookie.AccessDeniedPath = "/SignIn";
        });
        if (discord is not null)
        {
            authentication.AddDiscordSignIn(discord);
        }

        if (slack is not null)
        {
            authentication.AddSlackSignIn(slack);
        }

        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.SuppressXFrameOptionsHeader = true; // Every response says DENY itself.
        });
        builder.Services.Configure<CookieTempDataProviderOptions>(status =>
        {
            status.Cookie.Name = StatusCookieName;
            status.Cookie.SameSite = SameSiteMode.Strict;
            status.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/SignIn");
        });

        // Served beyond loopback, https ends at a proxy; one on this machine says so, and the cookies are then Secure.
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded => forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.Use(SecurityHeaders);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(StylesheetPath, Stylesheet).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    /// <summary>The bot's services the pages use: the very instances the chat commands use.</summary>
    private static void Forward(IServiceCollection services, IServiceProvider bot)
    {
        services.AddSingleton(_ => bot.GetRequiredService<TimeProvider>());
        services.AddSingleton(_ => bot.GetRequiredService<SignInLinks>());
        services.AddSingleton(_ => bot.GetRequiredService<IKnowledgeProvider>());
        services.AddSingleton(_ => bot.GetRequiredService<ReaderReports>());
        services.AddSingleton(_ => bot.GetRequiredService<AnswerLog>());
        services.AddSingleton(_ => bot.GetRequiredService<DisabledCitations>());
        services.AddSingleton(_ => bot.GetRequiredService<AuditLog>());
        services.AddSingleton(_ => bot.GetRequiredService<UnansweredLog>());
        services.AddSingleton(_ => bot.GetRequiredService<AnswerStatistics>());
        services.AddSingleton(_ => bot.GetRequiredService<ISummaryHistory>());
        services.AddSingleton(_ => bot.GetRequiredService<OverviewFigures>());
    }

    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";

        // The sign-in link carries its token in the address; no page passes any address on.
        headers["Referrer-Policy"] = "no-referrer";
        // What antiforgery sets on a page with a form; said for every page, so it need not override (and warn).
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        return next(context);
    }

    private static async Task Stylesheet(HttpContext context)
    {
        context.Response.ContentType = "text/css; charset=utf-8";
        context.Response.Headers.CacheControl = "max-age=3600";
        await using var css = typeof(DashboardWebApp).Assembly.GetManifestResourceStream("dashboard.css")
            ?? throw new InvalidOperationException("The dashboard's stylesheet is not embedded");
        await css.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
