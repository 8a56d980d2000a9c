using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace StoryBot.Testing.Storage;

/// <summary>
/// A TCP proxy on loopback in front of a server the tests share: <see cref="Cut"/> makes the
/// server unreachable for whoever connects through the proxy (open connections break, new ones are
/// closed at once) without stopping it for the other tests; <see cref="Restore"/> lets them through again.
/// </summary>
public sealed class LoopbackTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly Task _accepting;
    private volatile bool _cut;
    private volatile byte[]? _cutAtCommitOf;
    private long _turnedAway;

    public LoopbackTcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections closed at once because they came while the proxy was cut.</summary>
    public long TurnedAway => Interlocked.Read(ref _turnedAway);

    public void Cut()
    {
        _cut = true;
        foreach (var client in _open.Keys)
        {
            Drop(client);
        }
    }

    public void Restore() => _cut = false;

    /// <summary>
    /// Lets the next commit of a transaction whose statements name <paramref name="sqlFragment"/>
    /// (a table, say) reach PostgreSQL, and cuts as the server's confirmation of it comes back,
    /// before the client reads it: the change is made, and the client cannot know. Other
    /// transactions, such as background reads, pass. The proxy reads the messages, so the
    /// connection through it must not use TLS.
    /// </summary>
    public void CutAtCommitOf(string sqlFragment) => _cutAtCommitOf = System.Text.Encoding.UTF8.GetBytes(sqlFragment);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Interlocked.Increment(ref _turnedAway);
                Drop(client);
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        _open[client] = 0;
        _open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            var watched = new StrongBox<bool>();
            var down = RelayClientAsync(client.GetStream(), upstream.GetStream(), watched);
            var up = RelayServerAsync(upstream.GetStream(), client.GetStream(), watched);
            await Task.WhenAny(down, up);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A cut, or either side hung up.
        }
        finally
        {
            Drop(client);
            Drop(upstream);
        }
    }

    // PostgreSQL confirms a commit with a CommandComplete message tagged "COMMIT".
    private static readonly byte[] CommitConfirmation = "COMMIT\0"u8.ToArray();

    /// <param name="watched">Set once this connection's client sent the statement a cut waits for.</param>
    private async Task RelayClientAsync(Stream client, Stream server, StrongBox<bool> watched)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await client.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (_cutAtCommitOf is { } fragment && buffer.AsSpan(0, read).IndexOf(fragment) >= 0)
            {
                watched.Value = true;
            }

            await server.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private async Task RelayServerAsync(Stream server, Stream client, StrongBox<bool> watched)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await server.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (watched.Value && _cutAtCommitOf is not null && buffer.AsSpan(0, read).IndexOf(CommitConfirmation) >= 0)
            {
                _cutAtCommitOf = null;
                Cut();
                return;
            }

            await client.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private void Drop(TcpClient client)
    {
        _open.TryRemove(client, out _);
        try
        {
            // A reset rather than a polite close: what a lost server or network looks like.
            client.Client?.LingerState = new LingerOption(true, 0);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        client.Dispose();
    }
}
