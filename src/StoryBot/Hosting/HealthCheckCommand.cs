using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StoryBot.Hosting.Health;

namespace StoryBot.Hosting;

/// <summary>
/// <c>StoryBot healthcheck</c>: asks the running bot's readiness endpoint and exits 0 when it is
/// ready, 1 when it is not or cannot be reached. The container image's HEALTHCHECK runs it: the
/// runtime image has neither curl nor wget, and the bot reads its own configuration, so the probe
/// follows the health listener wherever <c>Health:Urls</c> moves it.
/// </summary>
internal static class HealthCheckCommand
{
    public const string UrlsKey = HealthOptions.Section + ":" + nameof(HealthOptions.Urls);
    public const string DefaultUrls = HealthOptions.DefaultUrls;
    public const string ReadinessPath = HealthEndpoints.Ready;

    /// <summary>Docker's own default timeout for a health check is 30 s; a bot that takes this long is not ready.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads the configuration as the bot does (appsettings.json, environment, command line) and probes.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output)
    {
        var configuration = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args }).Configuration;
        return ProbeAsync(configuration, output, TimeProvider.System, Timeout);
    }

    public static async Task<int> ProbeAsync(IConfiguration configuration, TextWriter output, TimeProvider time, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ReadinessUrl(configuration, out var problem) is not { } url)
        {
            await output.WriteLineAsync(problem);
            return 1;
        }

        using var client = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(timeout, time);
        try
        {
            using var response = await client.GetAsync(url, deadline.Token);
            var ready = response.IsSuccessStatusCode;
            await output.WriteLineAsync($"{(ready ? "Ready" : "Not ready")}: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return ready ? 0 : 1;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await output.WriteLineAsync($"Not ready: {url} did not answer within {timeout.TotalSeconds:0.#} s");
            return 1;
        }
        catch (HttpRequestException exception)
        {
            await output.WriteLineAsync($"Not ready: {url} cannot be reached ({exception.Message})");
            return 1;
        }
    }

    /// <summary>
    /// The readiness endpoint on the first address of <c>Health:Urls</c>; an address that listens on
    /// every interface (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) is asked on loopback.
    /// </summary>
    public static Uri? ReadinessUrl(IConfiguration configuration, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        problem = null;
        var urls = configuration[UrlsKey] is { Length: > 0 } configured ? configured : DefaultUrls;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(first);
        }
        catch (FormatException)
        {
            problem = $"{UrlsKey} '{urls}' does not start with an address such as {DefaultUrls}";
            return null;
        }

        if (address.IsUnixPipe || address.IsNamedPipe || address.Port == 0)
        {
            problem = $"{UrlsKey} '{urls}' must start with an address and a port the health check can call, such as {DefaultUrls}";
            return null;
        }

        var host = address.Host switch
        {
            "+" or "*" or "0.0.0.0" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            var named => named,
        };
        return new Uri($"{address.Scheme}://{host}:{address.Port}{ReadinessPath}");
    }
}
