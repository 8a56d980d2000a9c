using System.Globalization;

namespace StoryBot.Dashboard.SignIn;

/// <summary>
/// Whether a Discord user moderates the configured server, by the rule chat applies to
/// <c>/moderate</c>: Administrator, or every bit of <c>Discord:ModeratorCommandPermissions</c>
/// ("0": administrators only), or one of <c>Discord:ModeratorRoleIds</c>.
/// </summary>
internal static class DiscordModerators
{
    private const ulong Administrator = 1UL << 3;

    /// <param name="permissions">The user's permissions in the server as Discord writes them (decimal), null when not a member.</param>
    public static bool IsModerator(string? permissions, IReadOnlyCollection<string> roles, DiscordSignInSettings settings)
    {
        if (Parse(permissions) is { } held
            && ((held & Administrator) != 0 || (Parse(settings.ModeratorPermissions) is { } needed && needed != 0 && (held & needed) == needed)))
        {
            return true;
        }

        return settings.ModeratorRoleIds.Count > 0 && roles.Any(settings.ModeratorRoleIds.Contains);
    }

    private static ulong? Parse(string? value) =>
        !string.IsNullOrEmpty(value) && value.All(char.IsAsciiDigit) && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            ? bits
            : null;
}
