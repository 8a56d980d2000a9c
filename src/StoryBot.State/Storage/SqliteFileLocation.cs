using Microsoft.Data.Sqlite;
using StoryBot.Core.DataFiles;

namespace StoryBot.State.Storage;

/// <summary>The SQLite file a connection string names, taken under the data directory when the path is relative.</summary>
internal static class SqliteFileLocation
{
    public static string UnderDataDirectory(string connectionString, DataDirectory directory)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Left as written: opening the database names the setting and what is wrong with it.
            return connectionString;
        }

        var file = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(file)
            || file.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
            || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder.DataSource = directory.Resolve(file);
        return builder.ToString();
    }
}
