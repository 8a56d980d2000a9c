using System.ComponentModel.DataAnnotations;

namespace StoryBot.Slack.Configuration;

/// <summary>Settings of section <c>Slack</c>. Slack stays off while no token is set.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Bot user OAuth token (xoxb-…), used for every Web API call that posts.</summary>
    public string? BotToken { get; set; }

    /// <summary>App-level token (xapp-…) with <c>connections:write</c>; enables Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Enables the HTTP endpoints; every request must carry a valid signature.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Users who moderate (ids such as <c>U0123ABC</c>). The older key <c>Moderation:SlackUserIds</c> is still read.</summary>
    public IList<string> ModeratorUserIds { get; } = [];

    /// <summary>
    /// User groups (ids such as <c>S0614TZR7</c>) whose members moderate too, read with
    /// <c>usergroups.users.list</c> (scope <c>usergroups:read</c>) at start and every
    /// <see cref="ModeratorGroupRefresh"/>.
    /// </summary>
    public IList<string> ModeratorUserGroupIds { get; } = [];

    /// <summary>How often the members of <see cref="ModeratorUserGroupIds"/> are read again.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ModeratorGroupRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Base of the Web API; a test points it at a local fake.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Socket Mode connections kept open at once, so a refresh never leaves a gap.</summary>
    [Range(1, 10)]
    public int SocketConnections { get; set; } = 2;

    /// <summary>How often a quiet socket is pinged; an unanswered ping means a half-open socket.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a ping may go unanswered before the socket is dropped and replaced.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; it doubles (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two reconnects; not shorter than <see cref="ReconnectDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of one Web API call after a 429 or a 5xx before giving up.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Minimum gap between two messages the bot posts into one channel (Slack allows about one a second).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ChannelPostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a slash command may take before it is acknowledged empty and answered later;
    /// Slack shows a timeout to the user after 3 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:02.900")]
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// How long a request may wait for the asker's locale (<c>users.info</c>) before it is answered
    /// without it, the question's own words deciding the language; 0 uses only locales already known.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan UserLocaleBudget { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a user's locale is kept before it is asked for again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan UserLocaleLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long someone who opened the app's Home tab gets it published again when the pack or the
    /// reports change; opening it again publishes it afresh anyway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan HomeViewerLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gap between two Home tabs published again after a change: views.publish is a Tier 4 method
    /// (100+ a minute per workspace), so one a second leaves room for users opening the tab.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan HomeRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the open reports are counted, so moderators' Home tabs follow reports filed or
    /// resolved by another instance sharing the state store (or another platform's process): this
    /// one learns of its own changes at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan HomeReportsPoll { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Requests handled at once. They wait almost entirely on the Web API and on the state store's
    /// commits, not on the CPU, so many run at once.
    /// </summary>
    [Range(1, 256)]
    public int HandlerConcurrency { get; set; } = 64;

    public bool IsEnabled =>
        !string.IsNullOrWhiteSpace(BotToken) || !string.IsNullOrWhiteSpace(AppToken) || !string.IsNullOrEmpty(SigningSecret);

    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);

    public bool HttpModeEnabled => !string.IsNullOrWhiteSpace(SigningSecret);
}
