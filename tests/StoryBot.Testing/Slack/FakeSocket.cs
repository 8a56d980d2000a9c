using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace StoryBot.Testing.Slack;

/// <summary>The server side of one Socket Mode connection: pushes frames, records what the bot sends.</summary>
#pragma warning disable CA1001 // Lives as long as its test.
public sealed class FakeSocket(WebSocket socket, HttpContext context, int number, bool silent)
{
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _frames = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
#pragma warning restore CA1001

    public int Number { get; } = number;

    /// <summary>Completes when the connection is gone (closed by the bot, or aborted).</summary>
    public Task Closed => _closed.Task;

    public bool ClosedByClient { get; private set; }

    public Task SendHelloAsync() => SendAsync($$$"""
        {"type":"hello","num_connections":{{{Number}}},"debug_info":{"host":"applink-fake","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"A0FAKEAPP1"}}
        """);

    public Task SendDisconnectAsync(string reason) =>
        SendAsync($$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"wss-111.slack.com"}}""");

    public async Task SendAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame, as Slack often does.</summary>
    public void DropAbruptly() => context.Abort();

    /// <summary>Every frame the bot sent on this connection, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    /// <summary>Waits for the ack of <paramref name="envelopeId"/> (acks may arrive in any order).</summary>
    public async Task<JsonElement> AckOfAsync(string envelopeId)
    {
        using var timeout = new CancellationTokenSource(Wait.Generous);
        while (true)
        {
            var match = Frames.FirstOrDefault(frame => frame.TryGetProperty("envelope_id", out var id) && id.GetString() == envelopeId);
            if (match.ValueKind != JsonValueKind.Undefined)
            {
                return match;
            }

            await _received.Reader.ReadAsync(timeout.Token);
        }
    }

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            if (silent)
            {
                // Never read, so pings go unanswered: a half-open socket as the bot sees it.
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClosedByClient = true;
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    using var document = JsonDocument.Parse(message.ToArray());
                    lock (_frames)
                    {
                        _frames.Add(document.RootElement.Clone());
                    }

                    await _received.Writer.WriteAsync(document.RootElement.Clone());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            // The connection went away.
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
