using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// Checks Discord's Ed25519 signature over timestamp + raw body. Discord probes endpoints with
/// bad signatures and removes those that accept them; stale timestamps are refused too, which
/// the docs do not require but which stops replays of a captured request.
/// </summary>
internal sealed class InteractionSignatureVerifier(IOptions<DiscordOptions> options, TimeProvider time)
{
    private const int SignatureLength = 64;
    private readonly Lazy<PublicKey> _key = new(() => PublicKey.Import(
        SignatureAlgorithm.Ed25519,
        Convert.FromHexString(options.Value.PublicKey!),
        KeyBlobFormat.RawPublicKey));

    /// <summary>
    /// Whether the headers alone could belong to a signed interaction (both present, a signature of
    /// the right length, a fresh timestamp): checked before the body is read.
    /// </summary>
    public bool MayBeSigned([NotNullWhen(true)] string? signatureHex, [NotNullWhen(true)] string? timestamp) =>
        signatureHex is { Length: SignatureLength * 2 }
        && timestamp is { Length: > 0 and <= 20 }
        && long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) <= options.Value.MaxSignatureAge.TotalSeconds;

    public bool IsValid(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (!MayBeSigned(signatureHex, timestamp))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[SignatureLength];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != OperationStatus.Done || written != SignatureLength)
        {
            return false;
        }

        var signedLength = timestamp.Length + body.Length;
        var signed = ArrayPool<byte>.Shared.Rent(signedLength);
        try
        {
            var stampLength = Encoding.ASCII.GetBytes(timestamp, signed);
            body.CopyTo(signed.AsSpan(stampLength));
            return SignatureAlgorithm.Ed25519.Verify(_key.Value, signed.AsSpan(0, signedLength), signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
        }
    }
}
