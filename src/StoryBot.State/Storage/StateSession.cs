using System.Data.Common;
using System.Globalization;

namespace StoryBot.State.Storage;

/// <summary>
/// One open transaction. Work handed to <see cref="IStateDatabase"/> may run more than once
/// (a busy SQLite file or a PostgreSQL serialization failure retries it), so it must do
/// nothing but SQL through this session.
/// </summary>
public sealed class StateSession
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    internal StateSession(DbConnection connection, DbTransaction transaction, SqlDialect dialect, CancellationToken cancellationToken)
    {
        _connection = connection;
        _transaction = transaction;
        Dialect = dialect;
        CancellationToken = cancellationToken;
    }

    public SqlDialect Dialect { get; }

    public CancellationToken CancellationToken { get; }

    /// <returns>The number of rows changed.</returns>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(sql, parameters);
        return await command.ExecuteNonQueryAsync(CancellationToken);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(CancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        var rows = await QueryAsync(sql, map, parameters);
        return rows.Count == 0 ? default : rows[0];
    }

    /// <summary>The first column of the first row (null when there is none), converted to <typeparamref name="T"/>.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(sql, parameters);
        var value = await command.ExecuteScalarAsync(CancellationToken);
        if (value is null or DBNull)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    private DbCommand Create(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
