using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoryBot.Core;
using StoryBot.Hosting.Health;
using StoryBot.Testing.Slack;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting.Health;

/// <summary>
/// Liveness is about the process and its workers, not the platforms. By default a worker that
/// throws stops the host, so these runs keep the host going to see what liveness says meanwhile.
/// </summary>
public sealed class LivenessTests
{
    [Fact]
    public async Task AWorkerThatCrashesMakesTheProcessUnhealthyNamingItsExceptionTypeOnly()
    {
        var worker = new Worker(finish => finish.SetException(new InvalidOperationException("secret detail")));
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await StartWithAsync(slack, worker);
        var before = await bot.UntilAsync(HealthEndpoints.Live, probe => probe.Status == HttpStatusCode.OK);

        worker.Go();
        var after = await bot.UntilAsync(HealthEndpoints.Live, probe => probe.Status != HttpStatusCode.OK);

        Assert.Equal("Healthy", before.Overall);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.Status);
        Assert.Equal("Worker crashed (InvalidOperationException)", after.DescriptionOf("workers"));
        Assert.DoesNotContain("secret detail", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkerThatEndsWhileTheHostRunsMakesTheProcessUnhealthy()
    {
        var worker = new Worker(finish => finish.SetResult());
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await StartWithAsync(slack, worker);
        await bot.UntilAsync(HealthEndpoints.Live, probe => probe.Status == HttpStatusCode.OK);

        worker.Go();
        var after = await bot.UntilAsync(HealthEndpoints.Live, probe => probe.Status != HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.Status);
        Assert.Equal("Worker stopped", after.DescriptionOf("workers"));
    }

    [Fact]
    public async Task AWorkerThatMayFinishLeavesTheProcessHealthyWhenItDoes()
    {
        var worker = new FinishingWorker(finish => finish.SetResult());
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await StartWithAsync(slack, worker);

        worker.Go();
        await worker.ExecuteTask!;
        var after = await bot.GetAsync(HealthEndpoints.Live);

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.EndsWith("workers running", after.DescriptionOf("workers"), StringComparison.Ordinal);
    }

    private static Task<ProbedBot> StartWithAsync(FakeSlack slack, BackgroundService worker) =>
        ProbedBot.StartAsync(HealthListenerTests.SocketModeOnly(slack), services =>
        {
            services.AddSingleton<IHostedService>(worker);
            services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        });

    /// <summary>Runs until told to go, then ends as <c>finish</c> ends it.</summary>
    private class Worker(Action<TaskCompletionSource> finish) : BackgroundService
    {
        private readonly TaskCompletionSource _go = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Go() => _go.TrySetResult();

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await _go.Task.WaitAsync(stoppingToken);
            var end = new TaskCompletionSource();
            finish(end);
            await end.Task;
        }
    }

    private sealed class FinishingWorker(Action<TaskCompletionSource> finish) : Worker(finish), IFinishingWorker;
}
