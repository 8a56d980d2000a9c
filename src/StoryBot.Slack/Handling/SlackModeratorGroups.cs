using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Handling;

/// <summary>
/// The members of the user groups in <c>Slack:ModeratorUserGroupIds</c>, as Slack last listed them.
/// Slack says nothing when a group changes, so the list is read again every
/// <see cref="SlackOptions.ModeratorGroupRefresh"/> (<see cref="SlackModeratorGroupRefresh"/>). A
/// group that cannot be read keeps the members last read: a moderator is not locked out by a
/// rate limit, and nobody gains rights from an error.
/// </summary>
internal sealed partial class SlackModeratorGroups(SlackApiClient api, IOptionsMonitor<SlackOptions> options, ILogger<SlackModeratorGroups> logger)
{
    private volatile IReadOnlyDictionary<string, IReadOnlySet<string>> _members = new Dictionary<string, IReadOnlySet<string>>();

    public bool Configured => options.CurrentValue.ModeratorUserGroupIds.Count > 0;

    /// <summary>Whether the user is in one of the configured groups, as last read.</summary>
    public bool Contains(string userId)
    {
        var members = _members;
        return options.CurrentValue.ModeratorUserGroupIds.Any(group => members.TryGetValue(group, out var users) && users.Contains(userId));
    }

    /// <summary>Reads every configured group's members again.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, IReadOnlySet<string>>(_members, StringComparer.Ordinal);
        foreach (var group in options.CurrentValue.ModeratorUserGroupIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                members[group] = (await api.UserGroupMembersAsync(group, cancellationToken)).ToHashSet(StringComparer.Ordinal);
            }
            catch (Exception exception) when (exception is SlackApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogNotRead(group, exception.Message);
            }
        }

        _members = members;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The members of the Slack moderator group {Group} could not be read ({Reason}); the members last read keep their rights")]
    private partial void LogNotRead(string group, string reason);
}

/// <summary>Reads the moderator groups at start and every <see cref="SlackOptions.ModeratorGroupRefresh"/>.</summary>
internal sealed class SlackModeratorGroupRefresh(SlackModeratorGroups groups, IOptionsMonitor<SlackOptions> options, TimeProvider time) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (groups.Configured)
            {
                await groups.RefreshAsync(stoppingToken);
            }

            await Task.Delay(options.CurrentValue.ModeratorGroupRefresh, time, stoppingToken);
        }
    }
}
