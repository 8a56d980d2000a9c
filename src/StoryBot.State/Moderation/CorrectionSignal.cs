using System.Threading.Channels;

namespace StoryBot.State.Moderation;

/// <summary>
/// Wakes the correction worker of this instance right after a disable, instead of waiting for
/// its next poll. Losing a nudge is harmless: the queue itself is durable and polled.
/// </summary>
public sealed class CorrectionSignal
{
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Nudge() => _nudges.Writer.TryWrite(true);

    /// <summary>Completes when nudged (and consumes the nudge).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _nudges.Reader.ReadAsync(cancellationToken);
    }
}
