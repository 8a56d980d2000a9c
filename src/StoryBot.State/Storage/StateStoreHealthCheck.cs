using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StoryBot.State.Storage;

/// <summary>
/// Readiness of the state store: Unhealthy while it cannot be reached, Degraded while writes made
/// during an outage still wait, Healthy otherwise. It asks the store each time, so it also notices
/// the end of an outage that no answer has touched yet. It names no connection string.
/// </summary>
internal sealed class StateStoreHealthCheck(IStateDatabase database, StoreReachability reachability, DeferredStateWrites deferred) : IHealthCheck
{
    public const string Name = "state-store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.ReadAsync(session => session.ScalarAsync<long>("SELECT 1"), cancellationToken);
        }
        catch (StateUnavailableException)
        {
            var since = reachability.DownSince?.ToString("O", CultureInfo.InvariantCulture) ?? "now";
            return HealthCheckResult.Unhealthy($"The state store cannot be reached (since {since}); {deferred.Pending} writes wait");
        }

        var pending = deferred.Pending;
        return pending == 0
            ? HealthCheckResult.Healthy("The state store answers")
            : HealthCheckResult.Degraded($"The state store is back; {pending} writes made during the outage still wait");
    }
}
