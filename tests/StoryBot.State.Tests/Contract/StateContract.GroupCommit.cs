using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task ConcurrentWritesAllLandWhenTheyShareCommits()
    {
        var database = Backend.Open(new ProbeTable());

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => database.WriteAsync(
            session => session.ExecuteAsync(
                "INSERT INTO group_commit_probe (id) VALUES (@id)",
                ("id", $"excerpt-{i}")),
            CancellationToken.None)));

        Assert.Equal(300, await CountAsync(Backend.Open(new ProbeTable()), "group_commit_probe"));
    }

    [StorageFact]
    public async Task AWriteThatFailsAmongOthersIsUndoneAloneAndTheOthersCommit()
    {
        var database = Backend.Open(new ProbeTable());

        var writes = Enumerable.Range(0, 100).Select(i => database.WriteAsync(
            session => session.ExecuteAsync(
                i == 50
                    ? "INSERT INTO no_such_table (x) VALUES (1)"
                    : "INSERT INTO group_commit_probe (id) VALUES (@id)",
                ("id", $"excerpt-{i}")),
            CancellationToken.None)).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => writes[50]);
        await Task.WhenAll(writes.Where((_, i) => i != 50));
        Assert.Equal(99, await CountAsync(Backend.Open(new ProbeTable()), "group_commit_probe"));
    }

    /// <summary>A table of the tests' own, so the schema's evolution cannot change what they write.</summary>
    private sealed class ProbeTable : IStateMigrations
    {
        public IEnumerable<StateMigration> Migrations { get; } =
            [new(9_001, "group commit probe", _ => "CREATE TABLE group_commit_probe (id TEXT NOT NULL PRIMARY KEY)")];
    }
}
