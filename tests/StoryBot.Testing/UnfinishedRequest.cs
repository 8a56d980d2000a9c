using System.Net.Sockets;
using System.Text;

namespace StoryBot.Testing;

/// <summary>
/// An HTTP/1.1 POST that announces a large body and sends only its first bytes, over a raw socket:
/// what a slow or hostile client does. The server's answer, if it gives one without the rest of the
/// body, is its status line.
/// </summary>
public static class UnfinishedRequest
{
    public static async Task<string> StatusLineAsync(Uri baseUrl, string path, IReadOnlyDictionary<string, string>? headers = null, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = client.GetStream();
        var head = new StringBuilder()
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseUrl.Authority).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: 1000000\r\n");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n{\"type\": ");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));

        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var text = Encoding.ASCII.GetString(buffer, 0, read);
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
