using System.Diagnostics;
using System.Globalization;

namespace StoryBot.Benchmarks.Support;

/// <summary>What one request of a load run came to.</summary>
internal enum LoadOutcome
{
    /// <summary>The reply carries an answer (checked, not assumed from the status).</summary>
    Answer,

    /// <summary>Acknowledged with a 200 that is no answer: a notice, a deferral, an empty Slack ack.</summary>
    Acknowledged,

    Error,
}

/// <summary>
/// One timed round of a load run: N clients send back to back for a fixed time; every reply is
/// classified and its latency kept.
/// </summary>
internal sealed record LoadRound(int Answers, int Acknowledged, int Errors, TimeSpan Elapsed, double[] SortedLatencies)
{
    public int Replies => Answers + Acknowledged;

    public double RepliesPerSecond => Replies / Elapsed.TotalSeconds;

    public double AnswersPerSecond => Answers / Elapsed.TotalSeconds;

    public double Percentile(double p) =>
        SortedLatencies.Length == 0 ? double.NaN : SortedLatencies[Math.Min(SortedLatencies.Length - 1, (int)Math.Ceiling(p * SortedLatencies.Length) - 1)];

    public string Latency => string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {Percentile(1.0):F2} ms");

    /// <param name="send">One request; returns its outcome.</param>
    public static async Task<LoadRound> RunAsync(int clients, TimeSpan duration, Func<Task<LoadOutcome>> send)
    {
        var watch = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            int answers = 0, acknowledged = 0, errors = 0;
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                switch (await send())
                {
                    case LoadOutcome.Answer:
                        answers++;
                        break;
                    case LoadOutcome.Acknowledged:
                        acknowledged++;
                        break;
                    default:
                        errors++;
                        continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return (latencies, answers, acknowledged, errors);
        })));
        watch.Stop();
        return new LoadRound(
            perClient.Sum(c => c.answers),
            perClient.Sum(c => c.acknowledged),
            perClient.Sum(c => c.errors),
            watch.Elapsed,
            [.. perClient.SelectMany(c => c.latencies).Order()]);
    }

    /// <summary>"min / median / max" of the ratios over the repetitions.</summary>
    public static string Spread(IReadOnlyList<double> ratios)
    {
        var sorted = ratios.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[0]:F2} / {sorted[sorted.Length / 2]:F2} / {sorted[^1]:F2}");
    }
}
