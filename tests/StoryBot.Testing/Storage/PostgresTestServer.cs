using Npgsql;

namespace StoryBot.Testing.Storage;

/// <summary>The PostgreSQL server the tests may use (STORYBOT_TEST_POSTGRES, set by .ci/run).</summary>
public static class PostgresTestServer
{
    public const string Variable = "STORYBOT_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the PostgreSQL tests must run.</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"{Variable} is not set (run .ci/run, or set it to a PostgreSQL connection string)"
        : null;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        var admin = ConnectionString
            ?? throw new InvalidOperationException($"{Variable} must be set when CI=true: the PostgreSQL contract tests may not be skipped in CI.");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
