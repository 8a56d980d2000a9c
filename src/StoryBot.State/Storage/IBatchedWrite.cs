namespace StoryBot.State.Storage;

/// <summary>
/// A kind of write whose writes, arriving for the same commit, run as one: the group commit hands
/// them all to <see cref="RunAsync"/> at once, so that they take a few multi-row statements
/// (<see cref="MultiRowStatement{TRow}"/>) instead of a few statements each. Passed to
/// <see cref="IStateDatabase.WriteAsync{TItem, TResult}"/>.
/// </summary>
/// <remarks>
/// When a write of the commit fails on its own, each runs again alone (a batch of one) behind a
/// savepoint, as any write does; and like any write's work, <see cref="RunAsync"/> may run more
/// than once, so it must do nothing but SQL through the session.
/// </remarks>
public interface IBatchedWrite<TItem, TResult>
{
    /// <returns>One result per item, in the items' order.</returns>
    Task<IReadOnlyList<TResult>> RunAsync(StateSession session, IReadOnlyList<TItem> items);
}
