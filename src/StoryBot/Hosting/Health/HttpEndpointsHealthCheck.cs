using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace StoryBot.Hosting.Health;

/// <summary>
/// Readiness of the HTTP endpoints (Discord interactions, Slack events): the web server has bound
/// its addresses and started, and is not stopping. The addresses are read once, after the start.
/// </summary>
internal sealed class HttpEndpointsHealthCheck(IServer server, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "http-endpoints";

    private string? _listening;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the web server is stopping"));
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the web server has not started yet"));
        }

        _listening ??= string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        return Task.FromResult(_listening.Length == 0
            ? HealthCheckResult.Unhealthy("the web server listens on no address")
            : HealthCheckResult.Healthy($"listening on {_listening}"));
    }
}
