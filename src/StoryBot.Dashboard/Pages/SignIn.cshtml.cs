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

    /// <summary>Just signed in through Discord or Slack: the page only steps on to the overview.</summary>
    public bool Continuing { get; private set; }

    /// <summary>Why a sign-in through Discord or Slack did not happen, for the page to say.</summary>
    public string? Problem { get; private set; }

    public void OnGet(string? token, string? refused, string? failed)
    {
        Token = token;
        LinkOpen = _links.IsOpen(token);
        Problem = refused switch
        {
            "discord" => "Your Discord account does not moderate the bot's Discord server, so it cannot sign in here.",
            "slack" => "Your Slack account is not one of the bot's Slack moderators, so it cannot sign in here.",
            "slack-team" => "Your Slack account is not in the bot's Slack workspace, so it cannot sign in here.",
            not null => "That account cannot sign in here.",
            null => failed switch
            {
                "slack" => "Signing in with Slack did not complete. Please try again.",
                not null => "Signing in with Discord did not complete. Please try again.",
                null => null,
            },
        };
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

    /// <summary>Off to Slack, which sends the user back to the callback with a code.</summary>
    public IActionResult OnGetSlack() =>
        Methods.Slack
            ? Challenge(new AuthenticationProperties { RedirectUri = Url.Page("/SignIn", "Continue") }, SlackSignInSettings.Scheme)
            : NotFound();

    /// <summary>
    /// Back from Discord or Slack, signed in. The cookie is SameSite=Strict, and a browser does not send it on
    /// a chain of redirects that began on the platform's site; a step from this page of ours does.
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
