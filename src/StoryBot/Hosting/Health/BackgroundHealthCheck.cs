using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace StoryBot.Hosting.Health;

/// <summary>
/// Runs a check that does I/O (the state store's <c>SELECT 1</c>) off the probe's path: a probe
/// gets the latest result at once and, when that is older than <see cref="MaxAge"/>, starts one
/// new run in the background. A probe then costs microseconds whatever the store does, a store
/// that hangs holds one run rather than every probe, and the store is asked at most once per
/// <see cref="MaxAge"/> however often probes come. Nothing runs before the host has started: the
/// start-up checks own the store until then.
/// </summary>
internal sealed class BackgroundHealthCheck
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly HealthCheckRegistration _registration;
    private readonly Func<IServiceProvider, IHealthCheck> _check;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private volatile Outcome? _latest;
    private int _running;

    private BackgroundHealthCheck(HealthCheckRegistration registration, IServiceScopeFactory scopes, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        _registration = registration;
        _check = registration.Factory;
        _scopes = scopes;
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary>From now on, <paramref name="registration"/> answers with the latest background run.</summary>
    public static void TakeOver(HealthCheckRegistration registration, IServiceScopeFactory scopes, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        var background = new BackgroundHealthCheck(registration, scopes, time, lifetime);
        registration.Factory = _ => new Latest(background);

        // The first result is ready by the first probe after the start, as a rule.
        lifetime.ApplicationStarted.Register(background.RunIfDue);
    }

    private HealthCheckResult Read()
    {
        RunIfDue();
        if (_latest is not { } latest)
        {
            return new HealthCheckResult(
                _registration.FailureStatus,
                _lifetime.ApplicationStarted.IsCancellationRequested ? "not checked yet" : "not checked before the bot has started");
        }

        var age = _time.GetElapsedTime(latest.At).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var result = latest.Result;
        return new HealthCheckResult(result.Status, $"{result.Description ?? result.Status.ToString()} (checked {age} s ago)", result.Exception, result.Data);
    }

    private void RunIfDue()
    {
        if (!_lifetime.ApplicationStarted.IsCancellationRequested
            || (_latest is { } latest && _time.GetElapsedTime(latest.At) < MaxAge)
            || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            // Real time: the timeout bounds a call over the network, it is no part of the bot's clock.
            using var timeout = new CancellationTokenSource(_registration.Timeout > TimeSpan.Zero ? _registration.Timeout : Timeout.InfiniteTimeSpan, TimeProvider.System);
            HealthCheckResult result;
            try
            {
                var context = new HealthCheckContext { Registration = _registration };
                result = await _check(scope.ServiceProvider).CheckHealthAsync(context, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                result = new HealthCheckResult(_registration.FailureStatus, $"no answer within {_registration.Timeout}");
            }
            catch (Exception exception)
            {
                result = new HealthCheckResult(_registration.FailureStatus, exception: exception);
            }

            _latest = new Outcome(result, _time.GetTimestamp());
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private sealed record Outcome(HealthCheckResult Result, long At);

    private sealed class Latest(BackgroundHealthCheck owner) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(owner.Read());
    }
}
