using StoryBot.State.Moderation;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    /// <summary>The versions the moderation feature brings, in order: what a fresh database gets.</summary>
    private static readonly long[] ModerationVersions = [.. new ModerationSchema().Migrations.Select(m => (long)m.Version).Order()];

    private sealed class ExtraMigrations(params StateMigration[] migrations) : IStateMigrations
    {
        public IEnumerable<StateMigration> Migrations => migrations;
    }

    [StorageFact]
    public async Task MigratingRecordsEveryVersionInOrder()
    {
        var database = Backend.Open();

        await database.MigrateAsync(CancellationToken.None);

        var versions = await database.ReadAsync(
            session => session.QueryAsync("SELECT version FROM schema_version ORDER BY version", reader => reader.GetInt64(0)),
            CancellationToken.None);
        Assert.Equal(ModerationVersions, versions);
        Assert.Equal([100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L, 111L, 112L, 113L], ModerationVersions);
    }

    [StorageFact]
    public async Task MigratingAgainFromANewInstanceChangesNothing()
    {
        await Backend.Open().MigrateAsync(CancellationToken.None);

        var again = Backend.Open();
        await again.MigrateAsync(CancellationToken.None);
        await again.MigrateAsync(CancellationToken.None);

        Assert.Equal(ModerationVersions.Length, await CountAsync(again, "schema_version"));
    }

    [StorageFact]
    public async Task AFeatureAddsItsTablesWithItsOwnVersions()
    {
        await Backend.Open().MigrateAsync(CancellationToken.None);
        var ledger = new ExtraMigrations(
            new StateMigration(200, "ledger", dialect => $"CREATE TABLE ledger (id {dialect.IdentityPrimaryKey}, slot TEXT NOT NULL UNIQUE)"),
            new StateMigration(201, "ledger note", _ => "ALTER TABLE ledger ADD COLUMN note TEXT NULL"));

        var upgraded = Backend.Open(ledger);
        var id = await upgraded.WriteAsync(
            session => session.ScalarAsync<long>("INSERT INTO ledger (slot, note) VALUES (@slot, @note) RETURNING id", ("slot", "a"), ("note", null)),
            CancellationToken.None);

        Assert.True(id > 0);
        Assert.Equal(ModerationVersions.Length + 2, await CountAsync(upgraded, "schema_version"));
    }

    [StorageFact]
    public async Task MigrationsRunInAscendingVersionOrderWhateverTheRegistrationOrder()
    {
        var ledger = new ExtraMigrations(
            new StateMigration(211, "ledger note", _ => "ALTER TABLE ordered ADD COLUMN note TEXT NULL"),
            new StateMigration(210, "ledger", _ => "CREATE TABLE ordered (slot TEXT NOT NULL)"));

        var database = Backend.Open(ledger);
        await database.MigrateAsync(CancellationToken.None);

        Assert.Equal(0, await CountAsync(database, "ordered"));
    }

    [StorageFact]
    public async Task AFailingMigrationLeavesNoTraceAndStopsTheStart()
    {
        var broken = new ExtraMigrations(
            new StateMigration(220, "half done", _ => "CREATE TABLE half (id TEXT NOT NULL); CREATE TABLE half (id TEXT NOT NULL)"));

        await Assert.ThrowsAnyAsync<Exception>(() => Backend.Open(broken).MigrateAsync(CancellationToken.None));

        var database = Backend.Open();
        await database.MigrateAsync(CancellationToken.None);
        var halfExists = await database.ReadAsync(
            session => session.ScalarAsync<long>("SELECT COUNT(*) FROM schema_version WHERE version = 220"),
            CancellationToken.None);
        Assert.Equal(0, halfExists);
        await database.WriteAsync(session => session.ExecuteAsync("CREATE TABLE half (id TEXT NOT NULL)"), CancellationToken.None);
    }

    [StorageFact]
    public void TwoFeaturesClaimingOneVersionIsRefused()
    {
        var clash = new ExtraMigrations(new StateMigration(100, "clash", _ => "SELECT 1"));

        var error = Assert.Throws<InvalidOperationException>(() => Backend.Open(clash));

        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task SeveralInstancesMigratingAtOnceApplyEachVersionOnce()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => Backend.Open()).ToList();

        await Task.WhenAll(instances.Select(i => Task.Run(() => i.MigrateAsync(CancellationToken.None))));

        Assert.Equal(ModerationVersions.Length, await CountAsync(instances[0], "schema_version"));
    }

    [StorageFact]
    public async Task TheAuditLogRefusesUpdatesAndDeletes()
    {
        var database = Backend.Open();
        await database.WriteAsync(
            session => session.ExecuteAsync(
                "INSERT INTO audit_log (actor_id, platform, action, occurred_at) VALUES ('u', 'console', 'test', 1)"),
            CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            database.WriteAsync(session => session.ExecuteAsync("UPDATE audit_log SET action = 'forged'"), CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            database.WriteAsync(session => session.ExecuteAsync("DELETE FROM audit_log"), CancellationToken.None));

        Assert.Equal(1, await CountAsync(database, "audit_log"));
    }

    [StorageFact]
    public async Task ARawConnectionComesMigratedForSingleStatements()
    {
        var database = Backend.Open();

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM disabled_citations";

        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
