using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Numerics;

namespace StoryBot.State.Storage;

/// <summary>
/// One statement over many rows (a multi-row <c>VALUES</c> list), for writes run as a batch
/// (<see cref="IBatchedWrite{TItem, TResult}"/>). Rows go in chunks whose sizes are powers of two,
/// up to a chunk of about <see cref="MaxParameters"/> parameters: any number of rows takes a few
/// statements, and each statement's text is one of a few, prepared once on the writer's
/// connection, where a text for every count would keep hundreds of prepared statements.
/// </summary>
/// <remarks>
/// A chunk holds at most about <see cref="MaxParameters"/> parameters: SQLite finds a named
/// parameter by a linear search of the statement's names, and Microsoft.Data.Sqlite binds every
/// parameter by name, so binding a statement costs the square of its parameters. Past about a
/// hundred that outweighs what one statement fewer saves. The names carry their <c>@</c>: without
/// it the provider looks each up under every prefix it knows, most of them in vain.
/// </remarks>
/// <param name="sql">The statement, with <c>{rows}</c> where the rows go: <c>INSERT INTO t (a, b) VALUES {rows}</c>.</param>
/// <param name="columns">Each row's values, in order; the parameters are named <c>@name0</c>, <c>@name1</c>… row by row.</param>
internal sealed class MultiRowStatement<TRow>(string sql, params (string Name, Func<TRow, object?> Value)[] columns)
{
    /// <summary>The most parameters a chunk holds, unless one row alone has more.</summary>
    public const int MaxParameters = 128;

    private readonly int _maxRows = MaxRowsOf(columns.Length);

    private readonly ConcurrentDictionary<int, string> _texts = new();

    // Named once rather than for every row of every statement: [column][row in the chunk].
    private readonly string[][] _names = [.. columns.Select(column => Enumerable.Range(0, MaxRowsOf(columns.Length))
        .Select(row => string.Create(CultureInfo.InvariantCulture, $"@{column.Name}{row}")).ToArray())];

    public async Task<int> ExecuteAsync(StateSession session, IReadOnlyList<TRow> rows, params (string Name, object? Value)[] shared)
    {
        var changed = 0;
        foreach (var (start, count) in Chunks(rows.Count, _maxRows))
        {
            changed += await session.ExecuteAsync(TextFor(count), Parameters(rows, start, count, shared));
        }

        return changed;
    }

    /// <summary>For a statement with <c>RETURNING</c>: the rows it returned, chunk after chunk.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(StateSession session, IReadOnlyList<TRow> rows, Func<DbDataReader, T> map, params (string Name, object? Value)[] shared)
    {
        var found = new List<T>();
        foreach (var (start, count) in Chunks(rows.Count, _maxRows))
        {
            found.AddRange(await session.QueryAsync(TextFor(count), map, Parameters(rows, start, count, shared)));
        }

        return found;
    }

    /// <summary>The largest power of two that fits, up to <paramref name="maxRows"/>, then the same for the rest.</summary>
    internal static IEnumerable<(int Start, int Count)> Chunks(int rows, int maxRows)
    {
        for (var start = 0; start < rows;)
        {
            var count = Math.Min(maxRows, 1 << BitOperations.Log2((uint)(rows - start)));
            yield return (start, count);
            start += count;
        }
    }

    private static int MaxRowsOf(int columns) => 1 << BitOperations.Log2((uint)Math.Max(1, MaxParameters / columns));

    private string TextFor(int count) =>
        _texts.GetOrAdd(count, count => sql.Replace(
            "{rows}",
            string.Join(", ", Enumerable.Range(0, count).Select(row => "(" + string.Join(", ", _names.Select(names => names[row])) + ")")),
            StringComparison.Ordinal));

    private (string Name, object? Value)[] Parameters(IReadOnlyList<TRow> rows, int start, int count, (string Name, object? Value)[] shared)
    {
        var parameters = new (string Name, object? Value)[(count * columns.Length) + shared.Length];
        var next = 0;
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < columns.Length; column++)
            {
                parameters[next++] = (_names[column][row], columns[column].Value(rows[start + row]));
            }
        }

        shared.CopyTo(parameters, next);
        return parameters;
    }
}
