using System.Diagnostics;
using System.Globalization;
using StoryBot.Benchmarks.Support;

namespace StoryBot.Benchmarks.Latency;

/// <summary>
/// Host start to first answer in console mode: starts the built host
/// (<c>dotnet src/StoryBot/bin/Release/net10.0/StoryBot.dll ask "Who is Sam Altman?"</c>) again and
/// again from the repository root and times each run from process start to exit, which is after
/// the answer is printed. Build the host in Release first.
/// Usage: startup [--runs N]
/// </summary>
internal static class StartupMode
{
    public const string Name = "startup";
    private const string Question = "Who is Sam Altman?";
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--runs");
        var runs = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 10;
        var root = RepositoryPack.Root();
        var host = Path.Combine(root, "src", "StoryBot", "bin", "Release", "net10.0", "StoryBot.dll");
        if (!File.Exists(host))
        {
            await Console.Error.WriteLineAsync($"{host} not found; build it first: dotnet build -c Release src/StoryBot");
            return 2;
        }

        // One untimed run so the files are in the disk cache, as they are on a machine that runs the bot.
        await TimeOneRunAsync(root, host);
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            times.Add(await TimeOneRunAsync(root, host));
        }

        times.Sort();
        var median = times[times.Count / 2];
        var report = new LatencyReport($"host start to first answer, {runs} runs of `dotnet StoryBot.dll ask \"{Question}\"`");
        report.Check("min", times[0], null);
        report.Check("median", median, Target);
        report.Check("max", times[^1], Target);
        return report.Missed ? 1 : 0;
    }

    private static async Task<TimeSpan> TimeOneRunAsync(string root, string host)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add("ask");
        start.ArgumentList.Add(Question);
        var began = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = Stopwatch.GetElapsedTime(began);
        if (process.ExitCode != 0 || !(await output).Contains("Altman", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the host failed (exit code {process.ExitCode}): {await errors}");
        }

        return elapsed;
    }
}
