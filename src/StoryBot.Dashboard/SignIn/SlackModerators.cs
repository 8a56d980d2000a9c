using System.Net.Http.Headers;
using System.Text.Json;

namespace StoryBot.Dashboard.SignIn;

/// <summary>
/// Whether a Slack user moderates, by the rule chat applies to <c>/moderate</c>: one of
/// <c>Slack:ModeratorUserIds</c>, or a member of one of <c>Slack:ModeratorUserGroupIds</c>. The
/// groups are read at sign-in with the bot's token (<c>usergroups.users.list</c>), so a moderator
/// removed from a group cannot sign in from then on; a group that cannot be read lets nobody in by it.
/// </summary>
internal static class SlackModerators
{
    public static async Task<bool> IsModeratorAsync(string userId, SlackSignInSettings settings, HttpClient backchannel, CancellationToken cancellationToken)
    {
        if (settings.ModeratorUserIds.Contains(userId, StringComparer.Ordinal))
        {
            return true;
        }

        if (string.IsNullOrEmpty(settings.BotToken))
        {
            return false;
        }

        foreach (var group in settings.ModeratorUserGroupIds.Distinct(StringComparer.Ordinal))
        {
            if ((await GroupMembersAsync(group, settings, backchannel, cancellationToken)).Contains(userId, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<IReadOnlyList<string>> GroupMembersAsync(string group, SlackSignInSettings settings, HttpClient backchannel, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, "usergroups.users.list"))
        {
            Content = new FormUrlEncodedContent([new("usergroup", group)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BotToken);
        using var response = await backchannel.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True && body.RootElement.TryGetProperty("users", out var users)
            ? [.. users.EnumerateArray().Select(u => u.GetString()).OfType<string>()]
            : [];
    }
}
