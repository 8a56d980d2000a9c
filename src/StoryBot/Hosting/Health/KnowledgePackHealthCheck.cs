using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Hosting.Health;

/// <summary>
/// Readiness of the knowledge pack: not ready while it loads; degraded (still answering) while the
/// folder holds an edit that did not load and the last good pack serves in its place.
/// </summary>
internal sealed class KnowledgePackHealthCheck(KnowledgePackStatus status) : IHealthCheck
{
    public const string Name = "knowledge-pack";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Current is not { } pack)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the knowledge pack is loading"));
        }

        var serving = $"story {pack.Story}, version {pack.Version}, {pack.Excerpts} excerpts";
        return Task.FromResult(pack.RefusedEditAt is { } at
            ? HealthCheckResult.Degraded($"{serving}; an edit of the pack folder at {at.ToString("O", CultureInfo.InvariantCulture)} did not load (the log says why), so this version stays in service")
            : HealthCheckResult.Healthy(serving));
    }
}
