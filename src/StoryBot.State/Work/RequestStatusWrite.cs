using StoryBot.State.Storage;

namespace StoryBot.State.Work;

/// <summary>
/// Moves a journaled request on (posting, done); applied twice it changes nothing, and a done
/// request never goes back.
/// </summary>
internal sealed class RequestStatusWrite(IStateDatabase database) : IStateWriteKind
{
    public const string Name = "request-status";

    public string Kind => Name;

    public static StateWrite Of(string key, string status) => StateWrite.Of(Name, new Data(key, status));

    public async Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var change = write.DataAs<Data>();
        return await database.WriteAsync(
            session => session.ExecuteAsync(
                // A finished request keeps only its key against replays: its payload goes with the work.
                "UPDATE accepted_work SET status = @status, payload = CASE WHEN @status = @done THEN '' ELSE payload END WHERE work_key = @key AND status <> @done",
                ("status", change.Status),
                ("key", change.Key),
                ("done", SqlWorkJournal.Done)),
            cancellationToken) > 0;
    }

    private sealed record Data(string Key, string Status);
}
