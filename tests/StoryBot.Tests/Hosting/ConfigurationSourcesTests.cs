using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// Configuration comes from appsettings.json in the content root, then environment variables
/// (Section__Key), then the command line (--Section:Key=value), each overriding the one before.
/// The knowledge folder shows which one won: a folder that does not exist is named in the start-up error.
/// </summary>
public sealed class ConfigurationSourcesTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("storybot-config-").FullName;

    public ConfigurationSourcesTests() =>
        File.WriteAllText(
            Path.Combine(_contentRoot, "appsettings.json"),
            """{ "Knowledge": { "Path": "/nonexistent/from-appsettings" } }""");

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    [Fact]
    public async Task ReadsAppsettingsJsonFromTheContentRoot()
    {
        var stderr = await FailingStartAsync(new Dictionary<string, string>());

        Assert.Contains("Knowledge:Path '/nonexistent/from-appsettings' is not a folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnvironmentVariableOverridesAppsettingsJson()
    {
        var stderr = await FailingStartAsync(new Dictionary<string, string> { ["Knowledge__Path"] = "/nonexistent/from-environment" });

        Assert.Contains("Knowledge:Path '/nonexistent/from-environment' is not a folder", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("from-appsettings", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandLineOverridesEnvironmentVariables()
    {
        var stderr = await FailingStartAsync(
            new Dictionary<string, string> { ["Knowledge__Path"] = "/nonexistent/from-environment" },
            "--Knowledge:Path=/nonexistent/from-command-line");

        Assert.Contains("Knowledge:Path '/nonexistent/from-command-line' is not a folder", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("from-environment", stderr, StringComparison.Ordinal);
    }

    private async Task<string> FailingStartAsync(Dictionary<string, string> environment, params string[] settings)
    {
        var (exitCode, stdout, stderr) = await StoryBotProcess.RunInAsync(_contentRoot, environment, string.Empty, ["ask", "--json", .. settings]);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("StoryBot cannot start", stderr, StringComparison.Ordinal);
        return stderr;
    }
}
