namespace StoryBot.Telemetry;

/// <summary>
/// The address of an outgoing HTTP request as spans may show it. Discord's webhook and callback
/// paths carry interaction tokens and Slack's response_url is itself the secret, so only path
/// segments that are plainly words (<c>api</c>, <c>v10</c>, <c>chat.postMessage</c>, <c>@original</c>)
/// are kept; ids, tokens and the query string are not.
/// </summary>
internal static class RedactedUrl
{
    public const string Placeholder = "{id}";

    /// <summary>A word longer than this is read as a secret that happens to hold letters only.</summary>
    private const int LongestPlainWord = 16;

    public static string Of(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return string.Empty;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => IsPlain(s) ? s : Placeholder);
        return $"{uri.Scheme}://{uri.Authority}/{string.Join('/', segments)}";
    }

    /// <summary>
    /// A word of letters (with <c>_ - @</c>) no longer than <see cref="LongestPlainWord"/>, a
    /// dotted method name, or a version; a token has digits, or is long, and has no dots.
    /// </summary>
    private static bool IsPlain(string segment)
    {
        if (segment.Length >= 2 && segment[0] == 'v' && segment.Skip(1).All(char.IsAsciiDigit) && segment.Length <= 4)
        {
            return true;
        }

        var letters = segment.All(c => char.IsAsciiLetter(c) || c is '_' or '-' or '@' or '.');
        return letters && (segment.Length <= LongestPlainWord || (segment.Contains('.', StringComparison.Ordinal) && !segment.StartsWith('.')));
    }
}
