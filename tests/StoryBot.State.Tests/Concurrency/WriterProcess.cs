using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Concurrency;

/// <summary>
/// A separate process writing to one SQLite file: each transaction adds an audit row and a
/// large answer row, then prints "committed N". Used to kill a writer mid-write and to run
/// writers in two processes at once.
/// </summary>
public static class WriterProcess
{
    private const string Mode = "writer";

    /// <param name="count">How many transactions; 0 writes until killed.</param>
    public static ProcessStartInfo StartInfo(string databasePath, string tag, int count)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(WriterProcess).Assembly.Location, Mode, databasePath, tag, count.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 4 || args[0] != Mode)
        {
            await Console.Error.WriteLineAsync("usage: writer <database file> <tag> <count, 0 = until killed>");
            return 64;
        }

        var (path, tag, count) = (args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        await using var database = new SqliteStateDatabase($"Data Source={path}", [new ModerationSchema()], NullLogger<SqliteStateDatabase>.Instance);
        var payload = new string('x', 64 * 1024);
        try
        {
            for (var i = 0; count == 0 || i < count; i++)
            {
                await database.WriteAsync(session => WriteOneAsync(session, tag, i, payload), CancellationToken.None);
                await Console.Out.WriteLineAsync($"committed {i}");
                await Console.Out.FlushAsync();
            }

            return 0;
        }
        catch (Exception exception)
        {
            await Console.Out.WriteLineAsync($"error {exception.GetType().Name}: {exception.Message}");
            return 1;
        }
    }

    public static async Task<int> WriteOneAsync(StateSession session, string tag, int i, string payload)
    {
        await session.ExecuteAsync(
            "INSERT INTO audit_log (actor_id, platform, action, target, occurred_at) VALUES (@tag, 'test', 'write', @i, @i)",
            ("tag", tag),
            ("i", (long)i));
        return await session.ExecuteAsync(
            """
            INSERT INTO answers (platform, channel_id, message_id, user_id, question, language, reply, posted_at)
            VALUES ('test', @tag, @i, @tag, 'q', 'en', @payload, @i)
            """,
            ("tag", tag),
            ("i", i.ToString(CultureInfo.InvariantCulture)),
            ("payload", payload));
    }
}
