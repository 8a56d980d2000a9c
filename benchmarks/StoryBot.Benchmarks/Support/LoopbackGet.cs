using System.Net;
using System.Net.Sockets;

namespace StoryBot.Benchmarks.Support;

/// <summary>What the benchmarks that GET pages of a running bot share: a free port to give it, and a GET that must succeed.</summary>
internal static class LoopbackGet
{
    /// <summary>A loopback port free at the time of asking, for a listener whose address must be known before it starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <returns>The body's length; anything but 200 throws, so a benchmark never times an error page.</returns>
    public static async Task<int> BodyLengthAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK ? body.Length : throw new InvalidOperationException($"{uri} answered {(int)response.StatusCode}");
    }
}
