using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace StoryBot.Hosting;

/// <summary>
/// What one client may cost the web server before its request is even looked at. Discord's
/// interactions and Slack's commands, events and button clicks are a few kilobytes; the endpoints
/// refuse bodies over 1 MB themselves, and Kestrel holds everyone to the same bound, to a minimum
/// upload rate and to short header and idle timeouts, so that slow or idle connections are dropped
/// instead of held. Operators can change any of these under <c>Kestrel:Limits</c>.
/// </summary>
internal static class EndpointLimits
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static void Apply(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxRequestBodySize = MaxRequestBodyBytes;

        // What Kestrel takes off a connection before the endpoint reads it: a request waiting for
        // room to be read (see UnverifiedBodies) holds no more than this.
        limits.MaxRequestBufferSize = 64 * 1024;
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MaxConcurrentConnections = 2_000;
        limits.MaxConcurrentUpgradedConnections = 100;
    }
}
