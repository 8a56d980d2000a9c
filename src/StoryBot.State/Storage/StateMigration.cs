namespace StoryBot.State.Storage;

/// <summary>
/// One step of the schema, applied once, in a transaction, in ascending <see cref="Version"/>
/// order, and recorded in <c>schema_version</c>. Versions are unique across all features:
/// each feature owns a band (moderation 100-199, summaries 200-299, the work journal 300-399,
/// connection checkpoints 400-499, the dashboard's read indexes 500-599) so they never collide.
/// A migration once released is never edited; change the schema with a new version.
/// </summary>
/// <param name="Version">Unique across every <see cref="IStateMigrations"/> in the host.</param>
/// <param name="Name">Short description, stored next to the version.</param>
/// <param name="Sql">The statements for a dialect; most migrations ignore the argument
/// except for <see cref="SqlDialect.IdentityPrimaryKey"/>.</param>
public sealed record StateMigration(int Version, string Name, Func<SqlDialect, string> Sql);

/// <summary>
/// A feature's contribution to the schema. Register with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IStateMigrations, MyMigrations&gt;())</c>;
/// the database applies every registered source before its first use.
/// </summary>
public interface IStateMigrations
{
    IEnumerable<StateMigration> Migrations { get; }
}
