using System.ComponentModel.DataAnnotations;
using StoryBot.Dashboard.SignIn;

namespace StoryBot.Dashboard;

/// <summary>Section <c>Dashboard</c>: the moderators' and curators' web pages, off unless enabled.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    public const string DefaultUrls = "http://127.0.0.1:8082";

    /// <summary>Serve the dashboard. Off by default: nothing listens until an operator asks for it.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Addresses the dashboard listens on, separated by <c>;</c> as in ASP.NET Core's <c>urls</c>.
    /// Loopback by default; another address needs <see cref="AllowRemote"/>.
    /// </summary>
    [Required]
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>
    /// Allow addresses other than loopback in <see cref="Urls"/>. Only behind a TLS-terminating proxy or on
    /// https: the sign-in cookie then travels over the network.
    /// </summary>
    public bool AllowRemote { get; set; }

    /// <summary>How long the one-time sign-in link printed at start can be used (once).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a signed-in browser stays signed in without using the dashboard.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>"Sign in with Discord", for the moderators of the bot's Discord server.</summary>
    public DashboardDiscordOptions Discord { get; set; } = new();

    /// <summary>"Sign in with Slack", for the bot's Slack moderators.</summary>
    public DashboardSlackOptions Slack { get; set; } = new();

    /// <summary>The addresses <see cref="Urls"/> lists (a method, so configuration does not take it for a setting).</summary>
    public IReadOnlyList<string> Addresses() =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
