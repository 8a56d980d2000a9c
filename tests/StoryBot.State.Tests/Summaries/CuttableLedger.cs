using StoryBot.Core.Conversation;
using StoryBot.State.Storage;
using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

/// <summary>
/// The ledger a scheduler uses, which a test can cut off: while <see cref="IsCut"/> every call
/// fails as the state database fails when its store cannot be reached.
/// </summary>
internal sealed class CuttableLedger(ISummaryLedger inner, Func<bool> isCut) : ISummaryLedger
{
    private bool IsCut => isCut();

    public Task<ClaimResult> TryClaimAsync(SlotClaim claim, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        IsCut ? Unreachable<ClaimResult>() : inner.TryClaimAsync(claim, now, leaseUntil, cancellationToken);

    public Task<bool> RenewAsync(SummarySlot slot, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int attempts, string? lastError, CancellationToken cancellationToken) =>
        IsCut ? Unreachable<bool>() : inner.RenewAsync(slot, owner, now, leaseUntil, attempts, lastError, cancellationToken);

    public Task<bool> MarkPostedAsync(SummarySlot slot, string owner, DateTimeOffset now, PostedMessage message, string? permalink, string packVersion, IReadOnlyCollection<string> excerptIds, CancellationToken cancellationToken) =>
        IsCut ? Unreachable<bool>() : inner.MarkPostedAsync(slot, owner, now, message, permalink, packVersion, excerptIds, cancellationToken);

    public Task<bool> CloseAsync(SummarySlot slot, string owner, DateTimeOffset now, SlotStatus status, string detail, CancellationToken cancellationToken) =>
        IsCut ? Unreachable<bool>() : inner.CloseAsync(slot, owner, now, status, detail, cancellationToken);

    public Task<bool> RecordSkippedAsync(SlotClaim claim, DateTimeOffset now, string detail, CancellationToken cancellationToken) =>
        IsCut ? Unreachable<bool>() : inner.RecordSkippedAsync(claim, now, detail, cancellationToken);

    public Task<SlotRecord?> FindAsync(SummarySlot slot, CancellationToken cancellationToken) =>
        IsCut ? Unreachable<SlotRecord?>() : inner.FindAsync(slot, cancellationToken);

    public Task<SlotRecord?> LastPostedAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        IsCut ? Unreachable<SlotRecord?>() : inner.LastPostedAsync(platform, channelId, cancellationToken);

    private static Task<T> Unreachable<T>() =>
        Task.FromException<T>(new StateUnavailableException("Failed to connect to 127.0.0.1:5432"));
}
