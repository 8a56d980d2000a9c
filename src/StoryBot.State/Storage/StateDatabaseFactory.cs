using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoryBot.State.Storage;

internal static class StateDatabaseFactory
{
    public static IStateDatabase Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var migrations = services.GetServices<IStateMigrations>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var reachability = services.GetRequiredService<StoreReachability>();
        try
        {
            return options.IsPostgres
                ? new PostgresStateDatabase(options.EffectiveConnectionString, migrations, loggers.CreateLogger<PostgresStateDatabase>(), reachability)
                : new SqliteStateDatabase(options.EffectiveConnectionString, migrations, loggers.CreateLogger<SqliteStateDatabase>(), reachability);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The SQLite file's folder cannot be created, or the connection string cannot be read.
            throw StateStartupCheck.Problem(options, exception);
        }
    }
}
