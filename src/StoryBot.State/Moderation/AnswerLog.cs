using System.Data.Common;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>An answer the bot posted, as recorded for reports and corrections.</summary>
public sealed record RecordedAnswer(
    long Id,
    PostedMessage Message,
    string UserId,
    string Question,
    Language Language,
    Reply Reply,
    DateTimeOffset PostedAt)
{
    /// <summary>The id of the story the answer was given from (<see cref="StoryScope"/>).</summary>
    public required string Story { get; init; }
}

/// <summary>
/// Records every answer the adapters post (the <see cref="IAnswerRecorder"/> they call), and
/// finds them again by message or channel; tells the bot's own answers after a restart
/// (<see cref="IRecordedAnswers"/>). While the store cannot be reached the record waits in
/// <see cref="DeferredStateWrites"/>, so the adapter goes on to the next answer.
/// </summary>
public sealed class AnswerLog(IStateDatabase database, TimeProvider time, DeferredStateWrites deferred, IKnowledgeProvider knowledge) : IAnswerRecorder, IRecordedAnswers
{
    private const string Columns = "id, platform, channel_id, message_id, thread_id, user_id, question, language, reply, posted_at, story_id";

    public async Task RecordAsync(PostedMessage message, ChatRequest request, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Kind != ReplyKind.Answer)
        {
            return; // Only answers cite excerpts; nothing else can need a correction.
        }

        await deferred.RunAsync(AnswerRecordWrite.Of(message, request, reply, time.Now(), StoryScope.Current ?? knowledge.DefaultStoryId()), cancellationToken);
    }

    public Task<RecordedAnswer?> FindAsync(long id, CancellationToken cancellationToken) =>
        database.ReadAsync(session => FindAsync(session, id, knowledge.DefaultStoryId()), cancellationToken);

    /// <summary>
    /// The answers with these ids, by id (an id with no answer left is absent), in one query: a
    /// page of the dashboard reads its rows' answers at once, not one round trip to the store each.
    /// </summary>
    public Task<IReadOnlyDictionary<long, RecordedAnswer>> FindManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<long, RecordedAnswer>>(new Dictionary<long, RecordedAnswer>());
        }

        var parameters = ids.Distinct().Select((id, i) => ($"id{i}", (object?)id)).ToArray();
        var read = Reader(knowledge.DefaultStoryId());
        return database.ReadAsync(
            async session =>
            {
                var found = await session.QueryAsync(
                    $"SELECT {Columns} FROM answers WHERE id IN ({string.Join(", ", parameters.Select(p => "@" + p.Item1))})", read, parameters);
                IReadOnlyDictionary<long, RecordedAnswer> byId = found.ToDictionary(answer => answer.Id);
                return byId;
            },
            cancellationToken);
    }

    /// <summary>The answer posted as this message; Discord ids are unique, Slack's only per channel.</summary>
    public Task<RecordedAnswer?> FindByMessageAsync(string platform, string channelId, string messageId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QuerySingleOrDefaultAsync(
                $"""
                SELECT {Columns} FROM answers
                WHERE platform = @platform AND message_id = @message
                ORDER BY CASE WHEN channel_id = @channel THEN 0 ELSE 1 END, id DESC
                LIMIT 1
                """,
                Reader(knowledge.DefaultStoryId()),
                ("platform", platform),
                ("channel", channelId),
                ("message", messageId)),
            cancellationToken);

    /// <summary>Whether an answer was posted as this message in any channel (read from the index by platform and message id).</summary>
    public Task<bool> ContainsAsync(string platform, string messageId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async session => await session.ScalarAsync<long?>(
                "SELECT 1 FROM answers WHERE platform = @platform AND message_id = @message LIMIT 1",
                ("platform", platform),
                ("message", messageId)) is not null,
            cancellationToken);

    public Task<RecordedAnswer?> LatestInChannelAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QuerySingleOrDefaultAsync(
                $"SELECT {Columns} FROM answers WHERE platform = @platform AND channel_id = @channel ORDER BY id DESC LIMIT 1",
                Reader(knowledge.DefaultStoryId()),
                ("platform", platform),
                ("channel", channelId)),
            cancellationToken);

    /// <summary>Forgets answers posted before <paramref name="cutoff"/>; returns how many.</summary>
    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async session =>
            {
                var before = ("before", (object?)cutoff.ToUnixTimeMilliseconds());
                await session.ExecuteAsync(
                    "DELETE FROM answer_citations WHERE answer_id IN (SELECT id FROM answers WHERE posted_at < @before)", before);
                return await session.ExecuteAsync("DELETE FROM answers WHERE posted_at < @before", before);
            },
            cancellationToken);

    internal static Task<RecordedAnswer?> FindAsync(StateSession session, long id, string defaultStory) =>
        session.QuerySingleOrDefaultAsync($"SELECT {Columns} FROM answers WHERE id = @id", Reader(defaultStory), ("id", id));

    internal static Task<IReadOnlyList<string>> CitedExcerptsAsync(StateSession session, long answerId) =>
        session.QueryAsync(
            "SELECT excerpt_id FROM answer_citations WHERE answer_id = @answer ORDER BY excerpt_id",
            row => row.GetString(0),
            ("answer", answerId));

    /// <summary>Reads a row; one recorded before answers kept their story (migration 113) was the default story's.</summary>
    private static Func<DbDataReader, RecordedAnswer> Reader(string defaultStory) => row =>
    {
        var language = LanguageCodes.TryParse(row.GetString(7), out var parsed) ? parsed : Language.English;
        return new RecordedAnswer(
            row.GetInt64(0),
            new PostedMessage(row.GetString(1), row.GetString(2), row.GetString(3), row.IsDBNull(4) ? null : row.GetString(4)),
            row.GetString(5),
            row.GetString(6),
            language,
            ReplyJson.Deserialize(row.GetString(8)),
            StateTime.FromStored(row.GetInt64(9)))
        {
            Story = row.IsDBNull(10) ? defaultStory : row.GetString(10),
        };
    };
}
