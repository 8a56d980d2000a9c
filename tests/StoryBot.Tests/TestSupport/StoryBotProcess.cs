using System.Diagnostics;

namespace StoryBot.Tests.TestSupport;

/// <summary>Runs the real StoryBot executable the way a person or a script does.</summary>
internal static class StoryBotProcess
{
    /// <summary>The health listener's address in tests: bots run side by side, so each takes a port of its own.</summary>
    public const string AnyFreePort = "http://127.0.0.1:0";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string stdin, params string[] args) =>
        RunInAsync(RepoRoot, new Dictionary<string, string>(), stdin, args);

    /// <summary>Runs in <paramref name="workingDirectory"/> (the host's content root) with extra environment variables.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        string stdin,
        params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StoryBot.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Each run gets its own state so runs never see each other's moderation.
        info.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "storybot-test-" + Guid.NewGuid().ToString("N") + ".db")}";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Health__Urls"] = AnyFreePort;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the bot serving, with <paramref name="environment"/> as its configuration; the caller stops it.</summary>
    public static RunningBot Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StoryBot.dll"));
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Health__Urls"] = AnyFreePort;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new RunningBot(Process.Start(info)!);
    }

    private static string FindRepoRoot() => StoryBot.Testing.RepositoryFiles.Root;
}
