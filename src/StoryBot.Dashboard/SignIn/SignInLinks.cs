using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace StoryBot.Dashboard.SignIn;

/// <summary>
/// One-time sign-in tokens for the operator who started the bot. A token works once and only
/// until it expires; only its hash is kept, so nothing in memory replays it.
/// </summary>
internal sealed class SignInLinks(TimeProvider time, IOptions<DashboardOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _open = new(StringComparer.Ordinal);

    /// <summary>A new token, valid for <see cref="DashboardOptions.SignInLinkLifetime"/>.</summary>
    public string Issue()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        _open[Hash(token)] = time.GetUtcNow() + options.Value.SignInLinkLifetime;
        return token;
    }

    /// <summary>Whether <paramref name="token"/> would sign in now, without using it up.</summary>
    public bool IsOpen(string? token) =>
        token is not null && _open.TryGetValue(Hash(token), out var expires) && time.GetUtcNow() < expires;

    /// <summary>Uses the token up; true when it was issued, unused and unexpired.</summary>
    public bool TryRedeem(string? token) =>
        token is not null && _open.TryRemove(Hash(token), out var expires) && time.GetUtcNow() < expires;

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
