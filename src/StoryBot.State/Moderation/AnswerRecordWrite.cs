using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Records a posted answer with its citations, and queues a correction for any it cites that is
/// already withdrawn. Applied twice it changes nothing: the message's identity is unique. The
/// answers sharing a commit are written together: a few multi-row statements for all of them
/// (answers, citations, the withdrawal check) rather than three statements each.
/// </summary>
internal sealed class AnswerRecordWrite(IStateDatabase database, TimeProvider time, CorrectionSignal signal)
    : IStateWriteKind, IBatchedWrite<AnswerRecordWrite.Data, int?>
{
    public const string Name = "answer-record";

    // The row's identity comes back with its id: RETURNING's order is not the rows' order, and a
    // message recorded before returns no row at all.
    private static readonly MultiRowStatement<Data> Answers = new(
        """
        INSERT INTO answers (platform, channel_id, message_id, thread_id, user_id, question, language, reply, posted_at, duration_ms, story_id)
        VALUES {rows}
        ON CONFLICT (platform, channel_id, message_id) DO NOTHING
        RETURNING id, platform, channel_id, message_id
        """,
        ("platform", a => a.Message.Platform),
        ("channel", a => a.Message.ChannelId),
        ("message", a => a.Message.MessageId),
        ("thread", a => a.Message.ThreadId),
        ("user", a => a.UserId),
        ("question", a => a.Question),
        ("language", a => a.Language),
        ("reply", a => a.Reply),
        ("at", a => a.PostedAt),
        ("duration", a => a.DurationMs),
        ("story", a => a.Story));

    private static readonly MultiRowStatement<(long Answer, Cited Cited)> Citations = new(
        "INSERT INTO answer_citations (answer_id, excerpt_id, source_id) VALUES {rows}",
        ("answer", c => c.Answer),
        ("excerpt", c => c.Cited.Excerpt),
        ("source", c => c.Cited.Source));

    public string Kind => Name;

    /// <param name="postedAt">Taken when the answer was posted, so a record that waits for the store keeps it.</param>
    /// <param name="story">The story answered from, read while its scope holds: the write may run long after.</param>
    public static StateWrite Of(PostedMessage message, ChatRequest request, Reply reply, long postedAt, string story) =>
        StateWrite.Of(Name, new Data(
            message,
            request.UserId,
            reply.Question,
            reply.Language.Code(),
            ReplyJson.Serialize(reply),
            postedAt,
            request.AnswerTime?.TotalMilliseconds,
            [.. reply.Citations.DistinctBy(c => c.Id).Select(c => new Cited(c.Id, c.Source))],
            story));

    public async Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken)
    {
        // Read before the write: the work inside runs on the one writer every write waits for.
        var queued = await database.WriteAsync(this, write.DataAs<Data>(), cancellationToken);
        if (queued > 0)
        {
            signal.Nudge();
        }

        return queued is not null;
    }

    /// <returns>Per answer, the corrections queued for it; null when its message was recorded before.</returns>
    public async Task<IReadOnlyList<int?>> RunAsync(StateSession session, IReadOnlyList<Data> answers)
    {
        // A message twice in one batch (an adapter's retry) is the first one's; the other was recorded before.
        var distinct = answers.DistinctBy(answer => MessageKey.Of(answer.Message)).ToList();

        var recorded = await Answers.QueryAsync(
            session,
            distinct,
            row => (Key: new MessageKey(row.GetString(1), row.GetString(2), row.GetString(3)), Id: row.GetInt64(0)));
        var ids = recorded.ToDictionary(r => r.Key, r => r.Id);

        var cited = new List<(long Answer, Cited Cited)>();
        foreach (var answer in distinct)
        {
            if (ids.TryGetValue(MessageKey.Of(answer.Message), out var id))
            {
                cited.AddRange(answer.Citations.Select(c => (id, c)));
            }
        }

        await Citations.ExecuteAsync(session, cited);
        var queued = await CorrectionQueueSql.EnqueueForDisabledAsync(session, [.. ids.Values], time.Now());

        var results = new int?[answers.Count];
        var seen = new HashSet<MessageKey>();
        for (var i = 0; i < answers.Count; i++)
        {
            var key = MessageKey.Of(answers[i].Message);
            results[i] = seen.Add(key) && ids.TryGetValue(key, out var id) ? queued.GetValueOrDefault(id) : null;
        }

        return results;
    }

    /// <param name="Story">Null in a write kept waiting by a release before stories were recorded: read as the default story.</param>
    internal sealed record Data(PostedMessage Message, string UserId, string Question, string Language, string Reply, long PostedAt, double? DurationMs, IReadOnlyList<Cited> Citations, string? Story);

    internal sealed record Cited(string Excerpt, string Source);

    /// <summary>What makes an answer's record unique.</summary>
    private readonly record struct MessageKey(string Platform, string ChannelId, string MessageId)
    {
        public static MessageKey Of(PostedMessage message) => new(message.Platform, message.ChannelId, message.MessageId);
    }
}
