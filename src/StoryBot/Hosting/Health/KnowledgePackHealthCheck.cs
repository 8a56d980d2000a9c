using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Hosting.Health;

/// <summary>
/// Readiness of the knowledge packs: not ready while they load; degraded (still answering) while a
/// story's folder holds an edit that did not load and its last good pack serves in its place.
/// </summary>
internal sealed class KnowledgePackHealthCheck(KnowledgePackStatus status) : IHealthCheck
{
    public const string Name = "knowledge-pack";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stories = status.Stories;
        if (stories.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the knowledge pack is loading"));
        }

        var serving = string.Join("; ", stories.Select(pack => $"story {pack.Story}, version {pack.Version}, {pack.Excerpts} excerpts"));
        var refused = stories.Where(pack => pack.RefusedEditAt is not null).ToList();
        return Task.FromResult(refused.Count > 0
            ? HealthCheckResult.Degraded($"{serving}; {string.Join("; ", refused.Select(Refused))}")
            : HealthCheckResult.Healthy(serving));
    }

    private static string Refused(KnowledgePackInService pack) =>
        $"an edit of the pack folder of story {pack.Story} at {pack.RefusedEditAt!.Value.ToString("O", CultureInfo.InvariantCulture)} did not load (the log says why), so this version stays in service";
}
