using System.Diagnostics;
using System.Globalization;
using StoryBot.Benchmarks.Story;
using StoryBot.Benchmarks.Support;

namespace StoryBot.Benchmarks.Latency;

/// <summary>
/// Resident memory of the console bot as deployed: starts the built host with
/// <c>ask --json</c>, sends it N questions of <see cref="StoryQuestions"/> (10,000 by default),
/// waits for every answer, then reads the process's resident set (VmRSS) and its peak (VmHWM)
/// from /proc before closing its input. Build the host in Release first.
/// Usage: memory [--answers N] [--mode hybrid|lexical]
/// </summary>
internal static class MemoryMode
{
    public const string Name = "memory";
    private const long Target = 400L * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--answers");
        var answers = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 10_000;
        var mode = args.SkipWhile(a => a != "--mode").Skip(1).FirstOrDefault() ?? "hybrid";
        var root = RepositoryPack.Root();
        var host = Path.Combine(root, "src", "StoryBot", "bin", "Release", "net10.0", "StoryBot.dll");
        if (!File.Exists(host))
        {
            await Console.Error.WriteLineAsync($"{host} not found; build it first: dotnet build -c Release src/StoryBot");
            return 2;
        }

        var state = Path.Combine(Path.GetTempPath(), $"storybot-memory-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { host, "ask", "--json", $"--Answering:Mode={mode}", $"--Storage:ConnectionString=Data Source={state}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var writer = Task.Run(async () =>
        {
            // Only free questions: commands would answer from the pack without the engine.
            var questions = StoryQuestions.All.Where(q => !q.StartsWith('/')).ToArray();
            for (var i = 0; i < answers; i++)
            {
                await process.StandardInput.WriteLineAsync(questions[i % questions.Length]);
            }

            await process.StandardInput.FlushAsync();
        });

        var began = Stopwatch.GetTimestamp();
        for (var read = 0; read < answers; read++)
        {
            if (await process.StandardOutput.ReadLineAsync() is null)
            {
                throw new InvalidOperationException($"the host stopped after {read} answers: {await errors}");
            }
        }

        await writer;
        var elapsed = Stopwatch.GetElapsedTime(began);
        var status = await File.ReadAllLinesAsync($"/proc/{process.Id}/status");
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        File.Delete(state);

        var report = new LatencyReport($"console bot ({mode}) after {answers:N0} answers by `ask --json` in {elapsed.TotalSeconds:F1} s");
        report.Bytes("resident set (VmRSS)", Kilobytes(status, "VmRSS:"), Target);
        report.Bytes("peak resident set (VmHWM)", Kilobytes(status, "VmHWM:"), limit: null);
        return report.Missed ? 1 : 0;
    }

    private static long Kilobytes(string[] status, string field) =>
        1024 * long.Parse(status.Single(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
