using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>A channel's story as a moderator chose it.</summary>
public sealed record ChannelStoryChoice(string Platform, string ChannelId, string Story, string ChosenBy, DateTimeOffset ChosenAt);

/// <summary>
/// The stories moderators chose for channels (<c>/moderate story</c>), in the store. Every request asks
/// for its channel's, so the choices are read as a whole and kept for <see cref="Freshness"/>: a choice
/// made here holds from the next request on, one made by another instance sharing the store within
/// that time. While the store cannot be reached the choices last read hold (none read yet: the
/// configuration's), and the store is not even tried: the outage itself is logged once, elsewhere.
/// </summary>
public sealed partial class ChannelStoryChoices(IStateDatabase database, TimeProvider time, StoreReachability reachability, ILogger<ChannelStoryChoices> logger)
    : IChannelStoryChoices
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private volatile Snapshot? _snapshot;

    public async ValueTask<string?> StoryOfAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if ((snapshot is null || time.GetElapsedTime(snapshot.ReadAt) >= Freshness) && reachability.IsReachable)
        {
            try
            {
                snapshot = new Snapshot(time.GetTimestamp(), (await ListAsync(cancellationToken)).ToDictionary(c => (c.Platform, c.ChannelId), c => c.Story));
                _snapshot = snapshot;
            }
            catch (StateUnavailableException exception)
            {
                // Answering goes on: with the choices last read, or the configuration's until the store is back.
                LogUnreadable(exception);
            }
        }

        return snapshot?.Stories.GetValueOrDefault((platform, channelId));
    }

    public Task<IReadOnlyList<ChannelStoryChoice>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                "SELECT platform, channel_id, story, chosen_by, chosen_at FROM channel_stories ORDER BY platform, channel_id",
                row => new ChannelStoryChoice(row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(4)))),
            cancellationToken);

    /// <summary>
    /// Answers <paramref name="channelId"/> from <paramref name="story"/> from now on, or, when it is null,
    /// as the configuration says again; audited in the same transaction.
    /// </summary>
    public async Task<ChangeOutcome> ChooseAsync(Actor actor, string channelId, string? story, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var outcome = await database.WriteAsync(
            async session =>
            {
                var now = time.Now();
                var changed = story is null
                    ? await session.ExecuteAsync(
                        "DELETE FROM channel_stories WHERE platform = @platform AND channel_id = @channel",
                        ("platform", actor.Platform),
                        ("channel", channelId))
                    : await session.ExecuteAsync(
                        """
                        INSERT INTO channel_stories (platform, channel_id, story, chosen_by, chosen_at)
                        VALUES (@platform, @channel, @story, @actor, @at)
                        ON CONFLICT (platform, channel_id) DO UPDATE SET story = excluded.story, chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at
                        WHERE channel_stories.story <> excluded.story
                        """,
                        ("platform", actor.Platform),
                        ("channel", channelId),
                        ("story", story),
                        ("actor", actor.UserId),
                        ("at", now));
                if (changed == 0)
                {
                    return ChangeOutcome.Unchanged;
                }

                await AuditLog.AppendAsync(session, time, actor, AuditLog.Actions.ChannelStory, channelId, story ?? "(configured)");
                return ChangeOutcome.Changed;
            },
            cancellationToken);
        _snapshot = null;
        return outcome;
    }

    private sealed record Snapshot(long ReadAt, Dictionary<(string Platform, string ChannelId), string> Stories);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The channels' chosen stories could not be read; answering with those last read, or as configured")]
    private partial void LogUnreadable(Exception exception);
}
