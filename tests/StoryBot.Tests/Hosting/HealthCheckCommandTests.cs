using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Hosting;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// <c>StoryBot healthcheck</c> asks the readiness endpoint on <c>Health:Urls</c> and exits 0 only
/// when it answers with success, against a loopback server standing in for the bot's health listener.
/// </summary>
public sealed class HealthCheckCommandTests
{
    public sealed class Probe : IAsyncLifetime
    {
        private readonly TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WebApplication? _listener;
        private HttpStatusCode? _status = HttpStatusCode.OK;

        private string Urls => _listener!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _listener = builder.Build();
            _listener.MapGet(HealthCheckCommand.ReadinessPath, async (HttpContext context) =>
            {
                _requestArrived.TrySetResult();
                if (_status is not { } status)
                {
                    // Never answers: the probe's own deadline has to end the wait.
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                    return;
                }

                context.Response.StatusCode = (int)status;
                await context.Response.WriteAsync(status.ToString());
            });
            await _listener.StartAsync();
        }

        public async Task DisposeAsync() => await _listener!.DisposeAsync();

        [Fact]
        public async Task AReadyBotExitsZero()
        {
            var (exitCode, output) = await ProbeAsync(Urls);

            Assert.Equal(0, exitCode);
            Assert.Equal($"Ready: {Urls}{HealthCheckCommand.ReadinessPath} answered 200 OK", output);
        }

        [Fact]
        public async Task ABotThatIsNotReadyExitsOneWithTheStatus()
        {
            _status = HttpStatusCode.ServiceUnavailable;

            var (exitCode, output) = await ProbeAsync(Urls);

            Assert.Equal(1, exitCode);
            Assert.Contains("answered 503 Service Unavailable", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ABotThatDoesNotAnswerWithinTheTimeoutExitsOne()
        {
            _status = null;
            var time = new FakeTimeProvider();

            var probe = ProbeAsync(Urls, time);
            await _requestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            time.Advance(HealthCheckCommand.Timeout);
            var (exitCode, output) = await probe;

            Assert.Equal(1, exitCode);
            Assert.EndsWith("did not answer within 5 s", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task NothingListeningExitsOne()
        {
            var address = Urls;
            await _listener!.StopAsync();

            var (exitCode, output) = await ProbeAsync(address);

            Assert.Equal(1, exitCode);
            Assert.Contains("cannot be reached", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task TheCommandLineRunsTheProbeWithTheBotsOwnConfiguration()
        {
            var (exitCode, stdout, _) = await StoryBotProcess.RunAsync(string.Empty, "healthcheck", $"--Health:Urls={Urls}");

            Assert.Equal(0, exitCode);
            Assert.StartsWith("Ready: ", stdout, StringComparison.Ordinal);
        }

        private static async Task<(int ExitCode, string Output)> ProbeAsync(string urls, TimeProvider? time = null)
        {
            using var output = new StringWriter();
            var exitCode = await HealthCheckCommand.ProbeAsync(Configuration(urls), output, time ?? TimeProvider.System, HealthCheckCommand.Timeout);
            return (exitCode, output.ToString().TrimEnd());
        }
    }

    public sealed class ReadinessUrl
    {
        [Theory]
        [InlineData(null, "http://127.0.0.1:8081/health/ready")]
        [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/health/ready")]
        [InlineData("http://+:9000", "http://127.0.0.1:9000/health/ready")]
        [InlineData("http://*:9000", "http://127.0.0.1:9000/health/ready")]
        [InlineData("http://0.0.0.0:9000", "http://127.0.0.1:9000/health/ready")]
        [InlineData("http://[::]:9000", "http://[::1]:9000/health/ready")]
        [InlineData("http://localhost:9000;http://+:9001", "http://localhost:9000/health/ready")]
        public void IsTheFirstListenAddressAskedOnLoopback(string? urls, string expected)
        {
            Assert.Equal(new Uri(expected), HealthCheckCommand.ReadinessUrl(Configuration(urls), out _));
        }

        [Theory]
        [InlineData("not an address")]
        [InlineData("http://127.0.0.1:0")]
        public void AnAddressItCannotCallIsNamed(string urls)
        {
            Assert.Null(HealthCheckCommand.ReadinessUrl(Configuration(urls), out var problem));
            Assert.StartsWith($"Health:Urls '{urls}'", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheSubCommandIsParsedWithItsSettings()
    {
        var mode = RunMode.Parse(["healthcheck", "--Health:Urls=http://127.0.0.1:9000"]);

        Assert.Equal(RunKind.HealthCheck, mode.Kind);
        Assert.Equal(["--Health:Urls=http://127.0.0.1:9000"], mode.HostArgs);
    }

    private static IConfiguration Configuration(string? urls) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(HealthCheckCommand.UrlsKey, urls)]).Build();
}
