using StoryBot.Core.Conversation;
using StoryBot.State.Storage;

namespace StoryBot.State.Work;

/// <summary>Journals an acknowledged request; applied twice it changes nothing (the request's key is unique).</summary>
internal sealed class AcceptedRequestWrite(IStateDatabase database) : IStateWriteKind
{
    public const string Name = "accepted-request";

    public string Kind => Name;

    public static StateWrite Of(AcceptedWork work) =>
        StateWrite.Of(Name, new Data(
            work.Key,
            work.Platform,
            work.Kind,
            work.Payload,
            work.AcceptedAt.ToUnixTimeMilliseconds(),
            Math.Min(work.AnswerBy.ToUnixTimeMilliseconds(), DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()))) with { Key = work.Key };

    public async Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var work = write.DataAs<Data>();
        return await database.WriteAsync(
            session => session.ExecuteAsync(
                """
                INSERT INTO accepted_work (work_key, platform, kind, payload, accepted_at, answer_by, status)
                VALUES (@key, @platform, @kind, @payload, @at, @by, @status)
                ON CONFLICT (work_key) DO NOTHING
                """,
                ("key", work.Key),
                ("platform", work.Platform),
                ("kind", work.Kind),
                ("payload", work.Payload),
                ("at", work.AcceptedAt),
                ("by", work.AnswerBy),
                ("status", SqlWorkJournal.Accepted)),
            cancellationToken) > 0;
    }

    private sealed record Data(string Key, string Platform, string Kind, string Payload, long AcceptedAt, long AnswerBy);
}
