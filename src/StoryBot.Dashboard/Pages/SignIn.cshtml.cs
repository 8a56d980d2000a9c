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

    public SignInModel(SignInLinks links) => _links = links;

    public string? Token { get; private set; }

    public bool LinkOpen { get; private set; }

    public void OnGet(string? token)
    {
        Token = token;
        LinkOpen = _links.IsOpen(token);
        if (token is not null && !LinkOpen)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

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
