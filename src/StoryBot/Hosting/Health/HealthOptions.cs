using System.ComponentModel.DataAnnotations;

namespace StoryBot.Hosting.Health;

/// <summary>Section <c>Health</c>: where the health listener answers liveness and readiness probes.</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Addresses the health listener listens on, separated by <c>;</c> as in ASP.NET Core's
    /// <c>urls</c>. Loopback by default: a container's own HEALTHCHECK reaches it, the network does not.
    /// </summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:8081";

    public IReadOnlyList<string> Addresses =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
