using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StoryBot.Hosting.Health;

/// <summary>The probe paths, on the health listener and (the older two only) on the public web server.</summary>
internal static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";

    /// <summary>The paths of earlier versions, kept so existing probes keep working.</summary>
    public const string LiveAlias = "/healthz";
    public const string ReadyAlias = "/readyz";

    private static readonly string[] ProbeMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>The tag of the checks a path answers with; null for any other path.</summary>
    public static string? TagOf(PathString path) =>
        path == Live || path == LiveAlias ? HealthTags.Live
        : path == Ready || path == ReadyAlias ? HealthTags.Ready
        : null;

    /// <summary>
    /// <c>/healthz</c> and <c>/readyz</c> on the web server that faces Discord and Slack: the same
    /// checks and status codes as on the health listener, but the overall status only, since
    /// anyone on the network can ask there.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthAliases(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var health = endpoints.ServiceProvider.GetRequiredService<HealthCheckService>();
        endpoints.MapMethods(LiveAlias, ProbeMethods, context => HealthResponse.WriteAsync(context, health, HealthTags.Live, details: false));
        endpoints.MapMethods(ReadyAlias, ProbeMethods, context => HealthResponse.WriteAsync(context, health, HealthTags.Ready, details: false));
        return endpoints;
    }
}
