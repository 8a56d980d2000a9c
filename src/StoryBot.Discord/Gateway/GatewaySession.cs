namespace StoryBot.Discord.Gateway;

/// <summary>What a RESUME needs: the session id, the last sequence seen and where to resume.</summary>
internal sealed class GatewaySession
{
    private long _sequence = -1;

    public string? SessionId { get; private set; }

    public string? ResumeUrl { get; private set; }

    /// <summary>The last dispatch sequence seen, or null before the first.</summary>
    public long? Sequence => Interlocked.Read(ref _sequence) is var s and >= 0 ? s : null;

    public bool CanResume => SessionId is not null && ResumeUrl is not null;

    public void Observe(long sequence)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _sequence);
            if (sequence <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _sequence, sequence, current) != current);
    }

    public void Start(string sessionId, string resumeUrl)
    {
        SessionId = sessionId;
        ResumeUrl = resumeUrl;
    }

    public void Reset()
    {
        SessionId = null;
        ResumeUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
    }
}
