using System.Data.Common;
using Microsoft.Extensions.Options;
using StoryBot.Core;

namespace StoryBot.State.Storage;

/// <summary>
/// Opens the state database and brings its schema up to date before the host starts: a garbage
/// file, an unwritable folder or an unreachable server stops the bot with one line naming
/// <c>Storage:ConnectionString</c> and the cause, never with a crash.
/// </summary>
internal sealed class StateStartupCheck(IStateDatabase database, IOptions<StorageOptions> options) : IStartupCheck
{
    /// <summary>The connection string keys that say where the database is; anything else (a password) stays out of messages.</summary>
    private static readonly string[] WhereKeys = ["Data Source", "DataSource", "Filename", "Host", "Server", "Port", "Database"];

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Problem(options.Value, exception);
        }
    }

    /// <summary>The one line that says which database cannot be used and why.</summary>
    public static StartupProblemException Problem(StorageOptions settings, Exception cause) =>
        new($"{StorageOptions.Section}:ConnectionString: the {settings.Provider} state database at {Where(settings.EffectiveConnectionString)} cannot be used: {cause.Message}", cause);

    private static string Where(string connectionString)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return "(an unreadable connection string)";
        }

        var where = WhereKeys
            .Where(key => parts.TryGetValue(key, out var value) && value is not null)
            .Select(key => $"{key}={parts[key]}");
        return "'" + string.Join(";", where) + "'";
    }
}
