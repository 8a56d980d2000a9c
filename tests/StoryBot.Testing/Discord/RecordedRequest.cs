using System.Text.Json;

namespace StoryBot.Testing.Discord;

/// <summary>A REST request the fake Discord received, path relative to <c>/api/v10/</c>.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public override string ToString() => $"{Method} /{Path}{Query}";
}

/// <summary>What the fake answers: a status, a JSON body and headers.</summary>
public sealed record FakeResponse(int Status, string? Json = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>How long the fake takes to answer (a slow or hung Discord).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Answer as Discord would (create the message and all), only after <see cref="Delay"/>.</summary>
    public bool AsDiscordWould { get; init; }

    /// <summary>Does what Discord does, but answers too late for the client to hear it.</summary>
    public static FakeResponse Late(TimeSpan delay) => new(0) { Delay = delay, AsDiscordWould = true };

    public static FakeResponse Ok(string json) => new(200, json);

    public static FakeResponse RateLimited(double retryAfterSeconds, bool global = false) => new(
        429,
        $$"""{"message": "You are being rate limited.", "retry_after": {{retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "global": {{(global ? "true" : "false")}}}""",
        new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = global ? "global" : "user",
            ["X-RateLimit-Global"] = global ? "true" : "false",
        });
}
