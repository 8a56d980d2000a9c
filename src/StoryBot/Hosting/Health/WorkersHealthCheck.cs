using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StoryBot.Core;

namespace StoryBot.Hosting.Health;

/// <summary>
/// Liveness: every hosted worker runs. One that crashed, or one that ended while the host runs
/// when its work never ends (a work lane, the scheduler, the state writer), makes the process
/// unhealthy, which asks the orchestrator for a restart. Workers that may finish on their own say
/// so (<see cref="IFinishingWorker"/>). Only exception types are named: their messages may carry
/// what a caller should not see.
/// </summary>
internal sealed class WorkersHealthCheck(IServiceProvider services, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "workers";

    private IReadOnlyList<BackgroundService>? _workers;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Before the start the workers may not even exist yet; asking for them would build them.
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Healthy("starting"));
        }

        _workers ??= [.. services.GetServices<IHostedService>().OfType<BackgroundService>()];
        var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
        var failed = new List<string>();
        var running = 0;
        foreach (var worker in _workers)
        {
            switch (worker.ExecuteTask)
            {
                case { IsFaulted: true } crashed:
                    failed.Add($"{worker.GetType().Name} crashed ({crashed.Exception?.InnerException?.GetType().Name})");
                    break;
                case { IsCompleted: true } when !stopping && worker is not IFinishingWorker:
                    failed.Add($"{worker.GetType().Name} stopped");
                    break;
                case { IsCompleted: false }:
                    running++;
                    break;
            }
        }

        return Task.FromResult(failed.Count > 0
            ? HealthCheckResult.Unhealthy(string.Join("; ", failed))
            : HealthCheckResult.Healthy($"{running} workers running"));
    }
}
