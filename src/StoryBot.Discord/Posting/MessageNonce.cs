using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StoryBot.Discord.Posting;

/// <summary>Nonces for created messages: numbers of at most 20 digits, within Discord's 25 characters.</summary>
internal static class MessageNonce
{
    /// <summary>Derived from the key and page when there is a key, otherwise random.</summary>
    public static string For(string? key, int page)
    {
        Span<byte> bytes = stackalloc byte[32];
        if (key is null)
        {
            RandomNumberGenerator.Fill(bytes[..8]);
        }
        else
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key}\n{page}")), bytes);
        }

        return BitConverter.ToUInt64(bytes[..8]).ToString(CultureInfo.InvariantCulture);
    }
}
