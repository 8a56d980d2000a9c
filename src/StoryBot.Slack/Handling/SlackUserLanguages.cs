using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Handling;

/// <summary>
/// The language each Slack user chose, read from <c>users.info</c> with <c>include_locale</c> and
/// kept for <see cref="SlackOptions.UserLocaleLifetime"/>. Slack sends no locale with a request, so
/// this is the only way to know it; a lookup that fails or is slow never holds up an answer beyond
/// <see cref="SlackOptions.UserLocaleBudget"/>: the question's own words decide then.
/// </summary>
internal sealed partial class SlackUserLanguages(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackUserLanguages> logger)
{
    /// <summary>Users kept at most; a workspace rarely has more active askers.</summary>
    public const int Capacity = 10_000;

    /// <summary>A lookup that failed (rate limit, missing scope) is not tried again for this long.</summary>
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromMinutes(1);

    /// <summary>A lookup still running after this long is given up, so none lingers in the background.</summary>
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(10);

    private readonly ExpiringLookups<Language?> _known = new(Capacity, time);

    /// <returns>The user's language, or null when Slack did not say in time (or names neither English nor German).</returns>
    public async Task<Language?> PreferredAsync(string userId, CancellationToken cancellationToken)
    {
        if (userId.Length == 0)
        {
            return null;
        }

        var lookup = Current(userId);
        if (await ReplyDeadline.CompletesWithinAsync(lookup, options.Value.UserLocaleBudget, time, cancellationToken))
        {
            return await lookup;
        }

        // Left running: its answer serves this user's next request.
        LogSlow(userId);
        return null;
    }

    /// <summary>
    /// The user's language once Slack has said, for what is not answered against a deadline (the
    /// Home tab): null only when the lookup fails or names neither English nor German.
    /// </summary>
    public Task<Language?> UnhurriedAsync(string userId, CancellationToken cancellationToken) =>
        userId.Length == 0 ? Task.FromResult<Language?>(null) : Current(userId).WaitAsync(cancellationToken);

    private Task<Language?> Current(string userId) => _known.GetOrStart(userId, options.Value.UserLocaleLifetime, () => LookUpAsync(userId));

    private async Task<Language?> LookUpAsync(string userId)
    {
        // Yields first, so the lookup never runs under the cache's lock.
        await Task.Yield();
        using var timeout = new CancellationTokenSource(LookupTimeout, time);
        try
        {
            return LanguageCodes.FromLocale(await api.UserLocaleAsync(userId, timeout.Token));
        }
#pragma warning disable CA1031 // Any failure means the same: answer without the locale, and ask again later.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogLookupFailed(userId, exception.Message);
            _known.Replace(userId, null, FailureLifetime);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack did not say the locale of {UserId} in time; the question's words decide its language")]
    private partial void LogSlow(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not read the locale of Slack user {UserId} ({Error}); the question's words decide its language")]
    private partial void LogLookupFailed(string userId, string error);
}
