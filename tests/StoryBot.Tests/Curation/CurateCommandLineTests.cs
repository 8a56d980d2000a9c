using StoryBot.Curation;
using StoryBot.Testing;

namespace StoryBot.Tests.Curation;

public sealed class CurateCommandLineTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("storybot-curate-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private static string Article => Path.Combine(RepositoryFiles.Story, "sources", "stargate-dispute.de.txt");

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task DraftWritesAStoryFolderThatCheckRefusesNamingFileLineAndText()
    {
        var folder = Path.Combine(_work, "follow-up");

        var drafted = await RunAsync("draft", Article, "--id", "follow-up", "--lang", "de", "--out", folder);
        var checkedOut = _output.ToString();
        _output.GetStringBuilder().Clear();
        var check = await RunAsync("check", folder);

        Assert.Equal(0, drafted);
        Assert.Contains("Wrote a draft of story 'follow-up'", checkedOut, StringComparison.Ordinal);
        Assert.Contains("It is not served until", checkedOut, StringComparison.Ordinal);
        Assert.Equal(1, check);
        var report = _output.ToString();
        Assert.Matches(@"follow-up/excerpts\.yaml:\d+:\d+: excerpt 'p01-s1': 'translation' is still a draft placeholder \(""REVIEW: the English rendering""\)", report);
        Assert.Matches(@"Excerpts: \d+, \d+ without an English rendering", report);
        Assert.Contains("Check failed:", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "sources", "follow-up.de.txt")));
    }

    [Fact]
    public async Task CheckPassesOnTheStoryInService()
    {
        var check = await RunAsync("check", RepositoryFiles.Story);

        Assert.Equal(0, check);
        Assert.Contains("Check passed", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 without an English rendering", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckReportsWhatAFileSchemaRefusesNamingFileLineAndText()
    {
        var folder = Path.Combine(_work, "stargate-dispute");
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.Story, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(RepositoryFiles.Story, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var entities = Path.Combine(folder, "entities.yaml");
        var lines = await File.ReadAllLinesAsync(entities);
        var at = Array.FindIndex(lines, l => l == "  kind: project");
        lines[at] = "  kind: projekt";
        await File.WriteAllLinesAsync(entities, lines);

        var check = await RunAsync("check", folder);

        Assert.Equal(1, check);
        Assert.Matches($@"stargate-dispute/entities\.yaml:{at + 1}:9: entity '[a-z-]+': unknown kind 'projekt' \(did you mean 'project'\?\); allowed: person, organisation, project, place, event, product — `  kind: projekt`", _output.ToString());
        Assert.Contains("Check failed:", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADraftNeverOverwritesAStory()
    {
        var folder = Path.Combine(_work, "taken");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "story.yaml"), "title: {}");

        var drafted = await RunAsync("draft", Article, "--id", "taken", "--lang", "de", "--out", folder);

        Assert.Equal(1, drafted);
        Assert.Contains("already holds files", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal("title: {}", await File.ReadAllTextAsync(Path.Combine(folder, "story.yaml")));
    }

    [Theory]
    [InlineData("draft", "article.txt", "--lang", "de")]
    [InlineData("draft", "article.txt", "--id", "Not An Id", "--lang", "de")]
    [InlineData("draft", "article.txt", "--id", "story", "--lang", "fr")]
    [InlineData("publish")]
    [InlineData]
    public async Task AMistakenCommandLineSaysWhatIsNeededAndChangesNothing(params string[] args)
    {
        var code = await RunAsync(args);

        Assert.Equal(1, code);
        Assert.Contains("storybot curate", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
    }

    private Task<int> RunAsync(params string[] args) => CurateCommandLine.RunAsync(args, _output, _error);
}
