using System.ComponentModel.DataAnnotations;

namespace StoryBot.Hosting.Health;

/// <summary>Section <c>Health</c>: where the health listener answers liveness and readiness probes.</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    public const string DefaultUrls = "http://127.0.0.1:8081";

    /// <summary>
    /// Addresses the health listener listens on, separated by <c>;</c> as in ASP.NET Core's
    /// <c>urls</c>. Loopback by default: a container's own HEALTHCHECK reaches it, the network does not.
    /// </summary>
    [Required]
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The addresses <see cref="Urls"/> lists (a method, so configuration does not take it for a setting).</summary>
    public IReadOnlyList<string> Addresses() =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
