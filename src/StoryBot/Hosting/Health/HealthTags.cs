using StoryBot.State.Storage;

namespace StoryBot.Hosting.Health;

/// <summary>Which probe a health check answers to.</summary>
internal static class HealthTags
{
    /// <summary>Liveness: the process and its workers run; failing it asks for a restart.</summary>
    public const string Live = "live";

    /// <summary>Readiness: the bot can answer now; failing it asks for patience, not a restart.</summary>
    public const string Ready = StateOutageServiceCollectionExtensions.ReadinessTag;
}
