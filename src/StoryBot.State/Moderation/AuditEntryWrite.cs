using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>Appends an audit entry that changes nothing else (a refusal); applied twice it appends once (the write's id is unique).</summary>
internal sealed class AuditEntryWrite(IStateDatabase database) : IStateWriteKind
{
    public const string Name = "audit-entry";

    public string Kind => Name;

    /// <param name="at">When it happened, kept while the entry waits for the store.</param>
    public static StateWrite Of(Actor actor, string action, string? target, string? reason, long at) =>
        StateWrite.Of(Name, new Data(actor.Platform, actor.UserId, action, target, reason, at));

    public async Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var entry = write.DataAs<Data>();
        return await database.WriteAsync(
            session => AuditLog.AppendAsync(session, entry.At, new Actor(entry.Platform, entry.UserId), entry.Action, entry.Target, entry.Reason, write.Id),
            cancellationToken) > 0;
    }

    private sealed record Data(string Platform, string UserId, string Action, string? Target, string? Reason, long At);
}
