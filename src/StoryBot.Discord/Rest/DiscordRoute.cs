namespace StoryBot.Discord.Rest;

/// <summary>
/// A REST route as the rate limiter and the logs see it. Discord keys rate-limit buckets by route
/// and its top-level resource (channel, guild, webhook); interaction and webhook tokens are
/// secrets and never appear in <see cref="Redacted"/>.
/// </summary>
internal sealed record DiscordRoute(HttpMethod Method, string Path)
{
    private static readonly HashSet<string> MajorResources = new(StringComparer.Ordinal) { "channels", "guilds", "webhooks" };

    /// <summary>The route with ids other than the top-level resource replaced, for bucket discovery.</summary>
    public string Template { get; } = BuildTemplate(Method, Path);

    /// <summary>The top-level resource the bucket is shared by ("channels/123"), or empty.</summary>
    public string MajorParameter { get; } = MajorOf(Path);

    /// <summary>Interaction callbacks and their webhooks are exempt from the global limit.</summary>
    public bool IsInteraction { get; } = Path.StartsWith("interactions/", StringComparison.Ordinal)
        || Path.StartsWith("webhooks/", StringComparison.Ordinal);

    public string Redacted { get; } = Redact(Method, Path);

    private static string BuildTemplate(HttpMethod method, string path)
    {
        var segments = QuerylessSegments(path);
        for (var i = 0; i < segments.Length; i++)
        {
            var previous = i > 0 ? segments[i - 1] : string.Empty;
            if (MajorResources.Contains(previous) && i == 1)
            {
                continue;
            }

            if (i == 2 && segments[0] is "webhooks" or "interactions")
            {
                segments[i] = "{token}";
            }
            else if (IsId(segments[i]))
            {
                segments[i] = "{id}";
            }
        }

        return $"{method.Method} {string.Join('/', segments)}";
    }

    private static string MajorOf(string path)
    {
        var segments = QuerylessSegments(path);
        return segments.Length >= 2 && MajorResources.Contains(segments[0]) ? $"{segments[0]}/{segments[1]}" : string.Empty;
    }

    private static string Redact(HttpMethod method, string path)
    {
        var segments = QuerylessSegments(path);
        if (segments.Length >= 3 && segments[0] is "webhooks" or "interactions")
        {
            segments[2] = "***";
        }

        return $"{method.Method} /{string.Join('/', segments)}";
    }

    private static string[] QuerylessSegments(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return (query >= 0 ? path[..query] : path).Split('/');
    }

    private static bool IsId(string segment) => segment.Length > 0 && segment.All(char.IsAsciiDigit);
}
