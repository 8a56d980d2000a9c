using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StoryBot.Dashboard.SignIn;

namespace StoryBot.Dashboard;

/// <summary>
/// Every dashboard address must be one Kestrel can listen on, and on loopback unless
/// <see cref="DashboardOptions.AllowRemote"/> says the operator means it.
/// </summary>
internal sealed class DashboardOptionsValidator(IConfiguration configuration) : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.Addresses().Count == 0)
        {
            return ValidateOptionsResult.Fail($"Dashboard:Urls is empty; set the address the dashboard listens on, e.g. {DashboardOptions.DefaultUrls}");
        }

        var problems = new List<string>();
        foreach (var url in options.Addresses())
        {
            if (Parse(url) is not { } address)
            {
                problems.Add($"Dashboard:Urls: '{url}' is not an http:// or https:// address to listen on, e.g. {DashboardOptions.DefaultUrls}");
            }
            else if (!options.AllowRemote && !IsLoopback(address))
            {
                problems.Add($"Dashboard:Urls: '{url}' is not a loopback address; set Dashboard:AllowRemote=true to serve the dashboard beyond this machine (behind https)");
            }
        }

        if (options.Discord.IsConfigured() && DiscordSignInSettings.From(configuration, options.Discord) is null)
        {
            problems.Add("Dashboard:Discord: signing in with Discord needs Dashboard:Discord:ClientSecret, Dashboard:Discord:GuildId and a client id (Dashboard:Discord:ClientId, or the bot's Discord:ApplicationId)");
        }

        if (options.Slack.IsConfigured() && SlackSignInSettings.From(configuration, options.Slack) is null)
        {
            problems.Add("Dashboard:Slack: signing in with Slack needs Dashboard:Slack:ClientId, Dashboard:Slack:ClientSecret and Dashboard:Slack:TeamId");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static BindingAddress? Parse(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            return address.Scheme is "http" or "https" && address.Host.Length > 0 && address.PathBase.Length == 0 && !address.IsUnixPipe && !address.IsNamedPipe
                ? address
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsLoopback(BindingAddress address) =>
        address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
