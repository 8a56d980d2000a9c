using System.Text;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>One file of the pack as read from disk, kept as bytes so the pack version covers exactly what was parsed.</summary>
internal sealed class PackFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public PackFile(string relativePath, string displayPath, byte[] bytes)
    {
        RelativePath = relativePath;
        DisplayPath = displayPath;
        Bytes = bytes;
    }

    /// <summary>Path inside the pack with forward slashes, e.g. <c>facts/funding.yaml</c>.</summary>
    public string RelativePath { get; }

    public string DisplayPath { get; }

    public byte[] Bytes { get; }

    /// <summary>The file decoded as UTF-8 (a byte order mark is dropped); null when the bytes are not UTF-8.</summary>
    public string? TryDecode()
    {
        var span = Bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
