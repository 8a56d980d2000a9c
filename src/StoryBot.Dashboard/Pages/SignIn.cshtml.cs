using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using StoryBot.Dashboard.SignIn;

namespace StoryBot.Dashboard.Pages;

/// <summary>
/// Signing in with the one-time link. Opening the link only shows a button; the token is used up
/// by the form it posts, so a link preview or prefetch cannot spend it.
/// </summary>
[AllowAnonymous]
internal sealed class SignInModel : DashboardPage
{
    private readonly SignInLinks _links;

    public SignInModel(SignInLinks links, SignInMethods methods)
    {
        _links = links;
        Methods = methods;
    }

    public SignInMethods Methods { get; }

    public string? Token { get; private set; }

    public bool LinkOpen { get; private set; }

    /// <summary>Just signed in through Discord: the page only steps on to the overview.</summary>
    public bool Continuing { get; private set; }

    /// <summary>Why a sign-in through Discord did not happen, for the page to say.</summary>
    public string? Problem { get; private set; }

    public void OnGet(string? token, string? refused, string? failed)
    {
        Token = token;
        LinkOpen = _links.IsOpen(token);
        Problem = refused is not null
            ? "Your Discord account does not moderate the bot's Discord server, so it cannot sign in here."
            : failed is not null ? "Signing in with Discord did not complete. Please try again." : null;
        if ((token is not null && !LinkOpen) || Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    /// <summary>Off to Discord, which sends the user back to the callback with a code.</summary>
    public IActionResult OnGetDiscord() =>
        Methods.Discord
            ? Challenge(new AuthenticationProperties { RedirectUri = Url.Page("/SignIn", "Continue") }, DiscordSignInSettings.Scheme)
            : NotFound();

    /// <summary>
    /// Back from Discord, signed in. The cookie is SameSite=Strict, and a browser does not send it on
    /// a chain of redirects that began on Discord's site; a step from this page of ours does.
    /// </summary>
    public void OnGetContinue() => Continuing = true;

    public async Task<IActionResult> OnPostAsync(string? token)
    {
        if (!_links.TryRedeem(token))
        {
            Token = token ?? string.Empty;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, DashboardUser.Principal(DashboardUser.Operator));
        return LocalRedirect("/");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/SignIn");
    }
}
