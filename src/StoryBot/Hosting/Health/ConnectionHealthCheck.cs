using Microsoft.Extensions.Diagnostics.HealthChecks;
using StoryBot.Core.Platforms;

namespace StoryBot.Hosting.Health;

/// <summary>Readiness of one configured platform connection, from the state the connection publishes.</summary>
internal sealed class ConnectionHealthCheck(IConnectionReadiness connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = connection.Current;
        return Task.FromResult(now.State switch
        {
            ConnectionState.Up => HealthCheckResult.Healthy(now.Description),
            ConnectionState.Partial => HealthCheckResult.Degraded(now.Description),
            _ => HealthCheckResult.Unhealthy(now.Description),
        });
    }
}
