using System.Collections.Concurrent;
using System.Globalization;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Records a posted answer with its citations, and queues a correction for any it cites that is
/// already withdrawn. Applied twice it changes nothing: the message's identity is unique.
/// </summary>
internal sealed class AnswerRecordWrite(IStateDatabase database, TimeProvider time, CorrectionSignal signal) : IStateWriteKind
{
    public const string Name = "answer-record";

    // The statement's text for each number of citations, so each is prepared once.
    private static readonly ConcurrentDictionary<int, string> CitationsInserts = new();

    public string Kind => Name;

    /// <param name="postedAt">Taken when the answer was posted, so a record that waits for the store keeps it.</param>
    public static StateWrite Of(PostedMessage message, ChatRequest request, Reply reply, long postedAt) =>
        StateWrite.Of(Name, new Data(
            message,
            request.UserId,
            reply.Question,
            reply.Language.Code(),
            ReplyJson.Serialize(reply),
            postedAt,
            request.AnswerTime?.TotalMilliseconds,
            [.. reply.Citations.DistinctBy(c => c.Id).Select(c => new Cited(c.Id, c.Source))]));

    public async Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken)
    {
        // Worked out before the write: the work inside runs on the one writer every write waits for.
        var answer = write.DataAs<Data>();
        var citationsSql = CitationsInsert(answer.Citations.Count);
        var queued = await database.WriteAsync(
            async session =>
            {
                var id = await session.ScalarAsync<long?>(
                    """
                    INSERT INTO answers (platform, channel_id, message_id, thread_id, user_id, question, language, reply, posted_at, duration_ms)
                    VALUES (@platform, @channel, @message, @thread, @user, @question, @language, @reply, @at, @duration)
                    ON CONFLICT (platform, channel_id, message_id) DO NOTHING
                    RETURNING id
                    """,
                    ("platform", answer.Message.Platform),
                    ("channel", answer.Message.ChannelId),
                    ("message", answer.Message.MessageId),
                    ("thread", answer.Message.ThreadId),
                    ("user", answer.UserId),
                    ("question", answer.Question),
                    ("language", answer.Language),
                    ("reply", answer.Reply),
                    ("at", answer.PostedAt),
                    ("duration", answer.DurationMs));
                if (id is null)
                {
                    return (int?)null; // Recorded before: an adapter retried, or a kept record was applied again.
                }

                if (citationsSql is not null)
                {
                    // One statement for all of them rather than one each.
                    var parameters = new (string Name, object? Value)[(answer.Citations.Count * 2) + 1];
                    parameters[0] = ("answer", id.Value);
                    for (var i = 0; i < answer.Citations.Count; i++)
                    {
                        parameters[(2 * i) + 1] = ($"excerpt{i}", answer.Citations[i].Excerpt);
                        parameters[(2 * i) + 2] = ($"source{i}", answer.Citations[i].Source);
                    }

                    await session.ExecuteAsync(citationsSql, parameters);
                }

                return await CorrectionQueueSql.EnqueueForDisabledAsync(session, id.Value, time.Now());
            },
            cancellationToken);
        if (queued > 0)
        {
            signal.Nudge();
        }

        return queued is not null;
    }

    private static string? CitationsInsert(int count) =>
        count == 0
            ? null
            : CitationsInserts.GetOrAdd(count, static count =>
                "INSERT INTO answer_citations (answer_id, excerpt_id, source_id) VALUES "
                + string.Join(", ", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"(@answer, @excerpt{i}, @source{i})"))));

    private sealed record Data(PostedMessage Message, string UserId, string Question, string Language, string Reply, long PostedAt, double? DurationMs, IReadOnlyList<Cited> Citations);

    private sealed record Cited(string Excerpt, string Source);
}
