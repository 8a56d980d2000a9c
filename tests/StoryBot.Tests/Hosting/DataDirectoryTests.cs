using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Discord.Configuration;
using StoryBot.Hosting;
using StoryBot.State.Storage;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// Everything the bot writes goes under <c>Storage:DataDirectory</c>: by default the working
/// directory's data/, wherever the bot was started from.
/// </summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("storybot-cwd-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_workingDirectory, recursive: true);
    }

    [Fact]
    public void EveryRelativeStatePathOfTheHostLandsUnderTheDataDirectory()
    {
        var data = Path.Combine(_workingDirectory, "state");

        using var host = StoryBotApp.Build(RunMode.Parse([$"--Storage:DataDirectory={data}"]));

        Assert.Equal(Path.Combine(data, "vectors"), host.Services.GetRequiredService<IOptions<AnsweringOptions>>().Value.VectorCache);
        Assert.Equal(data, host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.StateDirectory);
        Assert.Equal(
            Path.Combine(data, "storybot.db"),
            new SqliteConnectionStringBuilder(host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString).DataSource);
    }

    [Fact]
    public async Task WithoutSettingsStateGoesToTheDataFolderOfTheWorkingDirectoryAndTheLogSaysWhere()
    {
        var (exitCode, _, stderr) = await AskAsync(new Dictionary<string, string>());

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(_workingDirectory, "data", "storybot.db")), stderr);
        Assert.Single(stderr.Split('\n'), line => line.Contains($"Data directory (Storage:DataDirectory): {Path.Combine(_workingDirectory, "data")}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfiguredDataDirectoryTakesTheStateDatabaseAndAnAbsolutePathStaysWhereItIsNamed()
    {
        var data = Path.Combine(_workingDirectory, "elsewhere");
        var absolute = Path.Combine(_workingDirectory, "absolute", "state.db");

        var relative = await AskAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = data, ["Storage__ConnectionString"] = "Data Source=bot.db" });
        var named = await AskAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = data, ["Storage__ConnectionString"] = $"Data Source={absolute}" });

        Assert.Equal(0, relative.ExitCode);
        Assert.Equal(0, named.ExitCode);
        Assert.True(File.Exists(Path.Combine(data, "bot.db")), relative.Stderr);
        Assert.True(File.Exists(absolute), named.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_workingDirectory, "data")));
    }

    /// <summary>
    /// The Web SDK makes <c>dotnet run</c> start in the project folder unless told otherwise, which
    /// put data/ inside src/StoryBot/; with no run working directory, it starts where it is run from.
    /// </summary>
    [Fact]
    public async Task DotnetRunStartsTheBotInTheFolderItIsRunFrom()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "msbuild", Path.Combine(StoryBotProcess.RepoRoot, "src", "StoryBot", "StoryBot.csproj"), "-getProperty:RunWorkingDirectory" })
        {
            info.ArgumentList.Add(arg);
        }

        using var msbuild = Process.Start(info)!;
        var output = msbuild.StandardOutput.ReadToEndAsync();
        var error = msbuild.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await msbuild.WaitForExitAsync(timeout.Token);

        Assert.True(msbuild.ExitCode == 0, await error);
        Assert.Equal(string.Empty, (await output).Trim());
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> AskAsync(Dictionary<string, string> environment)
    {
        // An empty value takes back the temporary database the test runner gives every run.
        environment.TryAdd("Storage__ConnectionString", string.Empty);
        environment["Logging__LogLevel__Default"] = "Information";
        return StoryBotProcess.RunInAsync(_workingDirectory, environment, string.Empty, "ask", "Who is Sam Altman?", "--Answering:Mode=Lexical");
    }
}
