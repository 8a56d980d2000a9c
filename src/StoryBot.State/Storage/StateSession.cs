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
    private readonly PreparedCommands? _prepared;

    /// <param name="prepared">Commands kept on <paramref name="connection"/> between transactions, so each statement is prepared once; null prepares every statement anew.</param>
    internal StateSession(DbConnection connection, DbTransaction transaction, SqlDialect dialect, CancellationToken cancellationToken, PreparedCommands? prepared = null)
    {
        _connection = connection;
        _transaction = transaction;
        Dialect = dialect;
        CancellationToken = cancellationToken;
        _prepared = prepared;
    }

    public SqlDialect Dialect { get; }

    public CancellationToken CancellationToken { get; }

    /// <returns>The number of rows changed.</returns>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(sql, parameters);
        return await command.Command.ExecuteNonQueryAsync(CancellationToken);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(sql, parameters);
        await using var reader = await command.Command.ExecuteReaderAsync(CancellationToken);
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
        var value = await command.Command.ExecuteScalarAsync(CancellationToken);
        if (value is null or DBNull)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    private CommandUse Create(string sql, (string Name, object? Value)[] parameters)
    {
        DbCommand command;
        if (_prepared is not null)
        {
            // Its text stays as it was: setting it again would throw the prepared statement away.
            command = _prepared.For(sql);
            command.Parameters.Clear();
        }
        else
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
        }

        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return new CommandUse(command, Owned: _prepared is null);
    }

    /// <summary>A command for one statement: disposed after it only when it is not one of the kept ones.</summary>
    private readonly record struct CommandUse(DbCommand Command, bool Owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owned ? Command.DisposeAsync() : ValueTask.CompletedTask;
    }
}

/// <summary>
/// Commands kept on one long-lived connection, one per statement text: a statement is prepared
/// the first time it runs and reused after, instead of being parsed again for every write. For
/// one caller at a time (the group commit's writer).
/// </summary>
internal sealed class PreparedCommands(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection { get; } = connection;

    public DbCommand For(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
        await Connection.DisposeAsync();
    }
}
