namespace StoryBot.Discord.Gateway;

/// <summary>How one Gateway connection ended, and so what the next one does.</summary>
/// <param name="Healthy">The connection reached READY or RESUMED, so reconnecting starts its backoff afresh.</param>
internal sealed record GatewayConnectionEnd(GatewayNext Next, bool Healthy, int? CloseCode)
{
    public bool WaitBeforeIdentify { get; init; }

    /// <summary>Why the connection ended, where no close code says it.</summary>
    public string? Reason { get; init; }
}
