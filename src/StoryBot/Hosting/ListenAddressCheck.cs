using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using StoryBot.Core;

namespace StoryBot.Hosting;

/// <summary>
/// Tries each address the web server is told to listen on before anything starts, so a port that
/// is taken (another instance, another service) is one plain line naming the address and the
/// setting, not a failed start with a stack trace. Addresses under <c>Kestrel:Endpoints</c> and
/// host names other than localhost are left to the server itself.
/// </summary>
internal sealed class ListenAddressCheck(IConfiguration configuration) : IStartupCheck
{
    /// <summary>Where ASP.NET Core listens when nothing says otherwise.</summary>
    private const string DefaultUrls = "http://localhost:5000";

    public Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var url in Urls())
        {
            if (EndPointOf(url) is not { } endPoint)
            {
                continue;
            }

            try
            {
                using var probe = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(endPoint);
            }
            catch (SocketException exception)
            {
                throw new StartupProblemException(
                    $"The web server cannot listen on {url} ({exception.SocketErrorCode}). Set ASPNETCORE_URLS (or --urls) to an address this machine can listen on.",
                    exception);
            }
        }

        return Task.CompletedTask;
    }

    private IEnumerable<string> Urls()
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (configuration["http_ports"] is { Length: > 0 } ports)
        {
            return ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"http://+:{port}");
        }

        return [DefaultUrls];
    }

    private static IPEndPoint? EndPointOf(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return null;
        }

        if (address.Port == 0 || address.IsUnixPipe || address.IsNamedPipe)
        {
            return null;
        }

        var ip = address.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "+" or "*" => IPAddress.Any,
            var host => IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null,
        };
        return ip is null ? null : new IPEndPoint(ip, address.Port);
    }
}
