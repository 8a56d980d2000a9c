using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Http;

/// <summary>
/// Checks <c>X-Slack-Signature</c>: HMAC-SHA256 with the signing secret over
/// <c>v0:{timestamp}:{raw body}</c>, compared in constant time, with the timestamp no more than five
/// minutes from now either way (replays). No secret configured means nothing verifies.
/// </summary>
internal sealed class SlackSignatureVerifier(IOptionsMonitor<SlackOptions> options, TimeProvider time)
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    private const string Version = "v0";

    /// <summary>
    /// Whether the headers alone could belong to a signed request (a secret configured, both headers,
    /// a fresh timestamp, a signature of the right shape): checked before the body is read, so an
    /// unsigned or replayed request costs no memory.
    /// </summary>
    public bool MayBeSigned([NotNullWhen(true)] string? timestamp, [NotNullWhen(true)] string? signature)
    {
        if (string.IsNullOrWhiteSpace(options.CurrentValue.SigningSecret) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        return long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && IsFresh(seconds, time.GetUtcNow())
            && signature.StartsWith(Version + "=", StringComparison.Ordinal)
            && signature.Length == Version.Length + 1 + 64;
    }

    public bool IsValid(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var secret = options.CurrentValue.SigningSecret;
        if (!MayBeSigned(timestamp, signature) || secret is null)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(Version.Length + 1), claimed, out _, out var written) != OperationStatus.Done
            || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Compute(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    /// <summary>The header value Slack would send; used by tests and the load tool to sign requests.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        Compute(secret, timestamp, body, hash);
        return Version + "=" + Convert.ToHexStringLower(hash);
    }

    private static bool IsFresh(long seconds, DateTimeOffset now)
    {
        var skew = Math.Abs(now.ToUnixTimeSeconds() - seconds);
        return skew <= (long)MaxClockSkew.TotalSeconds;
    }

    private static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, destination);
    }
}
