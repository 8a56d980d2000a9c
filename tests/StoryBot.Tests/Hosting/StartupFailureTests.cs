using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>A host that cannot run says why, naming what to fix, instead of starting half-broken.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task AnInvalidKnowledgePackStopsTheHostWithFileLineAndText()
    {
        var pack = CopyPack();
        var excerpts = Path.Combine(pack, "stargate-dispute", "excerpts.yaml");
        File.WriteAllText(excerpts, File.ReadAllText(excerpts).Replace("bis zu 500 Milliarden", "bis zu 600 Milliarden", StringComparison.Ordinal));

        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync(string.Empty, "ask", "--json", $"--Knowledge:Path={pack}");

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("StoryBot cannot start", stderr, StringComparison.Ordinal);
        Assert.Contains("excerpts.yaml:", stderr, StringComparison.Ordinal);
        Assert.Contains("600 Milliarden", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
    }

    [Fact]
    public async Task AMissingKnowledgeFolderIsNamed()
    {
        var (exitCode, _, stderr) = await StoryBotProcess.RunAsync(string.Empty, "ask", "--json", "--Knowledge:Path=/nonexistent/pack");

        Assert.Equal(1, exitCode);
        Assert.Contains("Knowledge:Path", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Discord:Token=not-a-real-token", "Discord:ApplicationId")]
    [InlineData("--Slack:BotToken=xoxb-not-real", "Slack:")]
    [InlineData("--Storage:Provider=oracle", "Storage:Provider")]
    [InlineData("--Summaries:Schedules:0:Name=daily", "Summaries:Schedules:0")]
    [InlineData("--Cooldown:MaxQuestions=0", "Cooldown:MaxQuestions must be between 1 and 1000")]
    [InlineData("--Cooldown:Window=00:00:00", "Cooldown:Window must be between 00:00:01 and 01:00:00")]
    [InlineData("--Cooldown:Window=half-a-minute", "'half-a-minute' at 'Cooldown:Window'")]
    [InlineData("--Knowledge:Reload=maybe", "'maybe' at 'Knowledge:Reload'")]
    [InlineData("--Answering:Mode=semantic", "'semantic' at 'Answering:Mode'")]
    [InlineData("--Stories:Channels:C42=no-such-story", "Stories:Channels:C42 names story 'no-such-story', which is not served")]
    [InlineData("--Stories:Default=no-such-story", "Stories:Default 'no-such-story' is not a story folder")]
    public async Task AHalfConfiguredSectionOrAnUnreadableValueStopsTheHostNamingTheKey(string setting, string namedKey)
    {
        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync(string.Empty, setting);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("StoryBot cannot start:" + Environment.NewLine + "  ", stderr, StringComparison.Ordinal);
        Assert.Contains(namedKey, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-not-real", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
    }

    [Fact]
    public async Task AStateFileThatIsNotADatabaseStopsTheHostNamingTheSetting()
    {
        var folder = Directory.CreateTempSubdirectory("storybot-state-").FullName;
        var file = Path.Combine(folder, "storybot.db");
        File.WriteAllText(file, "this is not a database, only a file with text in it");

        var (exitCode, stdout, stderr) = await StoryBotProcess.RunAsync("who is altman\n", "ask", "--json", $"--Storage:ConnectionString=Data Source={file}");

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("Storage:ConnectionString", stderr, StringComparison.Ordinal);
        Assert.Contains("not a database", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AStateFolderThatCannotBeCreatedStopsTheHostNamingTheSetting()
    {
        var blocker = Path.GetTempFileName();

        // A file where the database's folder should be: the folder cannot be created.
        var (exitCode, _, stderr) = await StoryBotProcess.RunAsync(string.Empty, "ask", "--json", $"--Storage:ConnectionString=Data Source={Path.Combine(blocker, "state", "storybot.db")}");

        Assert.Equal(1, exitCode);
        Assert.Contains("Storage:ConnectionString", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
        File.Delete(blocker);
    }

    [Fact]
    public async Task AnUnreachableDatabaseServerStopsTheHostWithoutShowingItsPassword()
    {
        var (exitCode, _, stderr) = await StoryBotProcess.RunAsync(
            string.Empty, "ask", "--json", "--Storage:Provider=postgres", "--Storage:ConnectionString=Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Database=d;Timeout=5");

        Assert.Equal(1, exitCode);
        Assert.Contains("Storage:ConnectionString", stderr, StringComparison.Ordinal);
        Assert.Contains("Host=127.0.0.1;Port=1;Database=d", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
    }

    [Fact]
    public async Task APortAlreadyInUseStopsTheHostNamingTheAddress()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";

        var (exitCode, _, stderr) = await StoryBotProcess.RunAsync(string.Empty, $"--urls={url}", "--Slack:BotToken=xoxb-not-a-real-token", "--Slack:SigningSecret=secret");

        Assert.Equal(1, exitCode);
        Assert.Contains(url, stderr, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
    }

    /// <summary>What to fix, said once and plainly: no framework log line with a trace before it.</summary>
    private static void AssertNoStackTrace(string stderr)
    {
        Assert.DoesNotContain("Hosting failed to start", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Microsoft.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at System.", stderr, StringComparison.Ordinal);
    }

    private static string CopyPack()
    {
        var target = Path.Combine(Path.GetTempPath(), "storybot-pack-" + Guid.NewGuid().ToString("N"));
        return StoryBot.Testing.TwoStoryKnowledge.CopyFolder(Path.Combine(StoryBotProcess.RepoRoot, "knowledge"), target);
    }
}
