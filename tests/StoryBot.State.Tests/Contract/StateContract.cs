using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

/// <summary>
/// The behaviour every storage provider must have. Each test gets an empty database; the
/// derived classes only say which provider.
/// </summary>
public abstract partial class StateContract(StorageBackend backend) : IAsyncLifetime
{
    protected StorageBackend Backend { get; } = backend;

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    protected static Task<long> CountAsync(IStateDatabase database, string table) =>
        database.ReadAsync(session => session.ScalarAsync<long>($"SELECT COUNT(*) FROM {table}"), CancellationToken.None);
}

public sealed class SqliteStateContract() : StateContract(new SqliteBackend());

[RequiresPostgres]
public sealed class PostgresStateContract() : StateContract(new PostgresBackend());
