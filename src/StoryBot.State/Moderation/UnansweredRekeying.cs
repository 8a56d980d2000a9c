using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Keys the unanswered questions and the curators' marks recorded before they were grouped by
/// similar wording (<see cref="UnansweredLog.KeyVersion"/>), once, in the background after start,
/// a batch at a time so a large table never holds the store for long. Two marks that now name one
/// group become one, the earlier kept. Running it again, or on several instances at once, changes
/// nothing more. Its work ends once done, which liveness takes as finished, not stopped.
/// </summary>
internal sealed partial class UnansweredRekeying(IStateDatabase database, ILogger<UnansweredRekeying> logger) : BackgroundService, IFinishingWorker
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var questions = await RekeyAsync(RekeyQuestionsAsync, stoppingToken);
            var marks = await RekeyAsync(RekeyMarksAsync, stoppingToken);
            if (questions + marks > 0)
            {
                LogRekeyed(questions, marks);
            }
        }
        catch (StateUnavailableException) when (!stoppingToken.IsCancellationRequested)
        {
            // The next start tries again; until then those rows keep their old groups. The outage
            // itself is logged once, by StoreReachability.
            LogPostponed();
        }
    }

    /// <summary>Keys every row still keyed the old way.</summary>
    internal static async Task<int> RekeyAsync(Func<CancellationToken, Task<int>> batch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (await batch(cancellationToken) is var done and > 0)
        {
            total += done;
        }

        return total;
    }

    internal Task<int> RekeyQuestionsAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(
            async session =>
            {
                var rows = await session.QueryAsync(
                    "SELECT id, question FROM unanswered_questions WHERE key_version < @version ORDER BY id LIMIT @batch",
                    row => (Id: row.GetInt64(0), Question: row.GetString(1)),
                    ("version", (long)UnansweredLog.KeyVersion),
                    ("batch", (long)Batch));
                foreach (var (id, question) in rows)
                {
                    await session.ExecuteAsync(
                        "UPDATE unanswered_questions SET question_key = @key, key_version = @version WHERE id = @id",
                        ("key", UnansweredLog.KeyOf(question)),
                        ("version", (long)UnansweredLog.KeyVersion),
                        ("id", id));
                }

                return rows.Count;
            },
            cancellationToken);

    /// <summary>A mark's old key is its wording in lower case, which reads as the same group as the wording did.</summary>
    internal Task<int> RekeyMarksAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(
            async session =>
            {
                var keys = await session.QueryAsync(
                    "SELECT question_key FROM unanswered_marks WHERE key_version < @version ORDER BY marked_at, question_key LIMIT @batch",
                    row => row.GetString(0),
                    ("version", (long)UnansweredLog.KeyVersion),
                    ("batch", (long)Batch));
                foreach (var old in keys)
                {
                    var key = UnansweredLog.KeyOf(old);
                    var taken = await session.ScalarAsync<long>(
                        "SELECT COUNT(*) FROM unanswered_marks WHERE question_key = @key AND question_key <> @old",
                        ("key", key),
                        ("old", old));
                    await session.ExecuteAsync(
                        taken > 0
                            ? "DELETE FROM unanswered_marks WHERE question_key = @old"
                            : "UPDATE unanswered_marks SET question_key = @key, key_version = @version WHERE question_key = @old",
                        ("key", key),
                        ("old", old),
                        ("version", (long)UnansweredLog.KeyVersion));
                }

                return keys.Count;
            },
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grouped {Questions} unanswered question(s) and {Marks} curator mark(s) recorded earlier by similar wording")]
    private partial void LogRekeyed(int questions, int marks);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grouping unanswered questions recorded earlier by similar wording waits for the next start: the state store is out of reach")]
    private partial void LogPostponed();
}
