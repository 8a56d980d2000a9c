using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>A fact's <c>supersedes</c> names an existing fact of an older source, checked on a copy of the harbour fixture.</summary>
public sealed class SupersedesValidationTests : IDisposable
{
    private const string Funding = "facts/funding.yaml";

    private readonly string _parent = Path.Combine(Path.GetTempPath(), "storybot-harbour-" + Guid.NewGuid().ToString("N"));
    private readonly string _pack;

    public SupersedesValidationTests() => _pack = HarbourStory.CopyTo(_parent);

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void TheFixtureLoadsWithTheCorrectionItDeclares()
    {
        var result = KnowledgePackLoader.TryLoad(_pack);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(["terminal-cost-40m"], result.Pack!.FindFact("terminal-cost-52m")!.Supersedes);
        Assert.Equal(["terminal-cost-52m"], result.Pack.SupersededBy("terminal-cost-40m").Select(f => f.Id));
    }

    [Fact]
    public void ReportsASupersededFactThatDoesNotExist()
    {
        Edit(Funding, "supersedes: [terminal-cost-40m]", "supersedes: [terminal-cost-41m]");

        OnlyError(Funding, 19, "fact 'terminal-cost-52m': superseded fact 'terminal-cost-41m' does not exist", "'terminal-cost-40m'");
    }

    [Fact]
    public void ReportsAFactThatSupersedesOneOfANewerSource()
    {
        Edit(Funding, "  supersedes: [terminal-cost-40m]\n", "");
        Edit(Funding, "  citations: [cost-40m]\n", "  citations: [cost-40m]\n  supersedes: [terminal-cost-52m]\n");

        var error = OnlyError(Funding, 11, "fact 'terminal-cost-40m': supersedes fact 'terminal-cost-52m'", "'harbour-followup' (2026-03-05 09:00Z) is not older", "'harbour-initial' (2026-03-04 09:00Z)");

        // As knowledge/README.md shows it.
        Assert.Equal(
            "harbour-story/facts/funding.yaml:11:16: fact 'terminal-cost-40m': supersedes fact 'terminal-cost-52m', whose source 'harbour-followup' (2026-03-05 09:00Z) is not older than this fact's source 'harbour-initial' (2026-03-04 09:00Z); a fact supersedes only a fact of an older source, so put supersedes on the newer fact",
            error.ToString());
    }

    [Fact]
    public void ReportsTwoFactsThatSupersedeEachOther()
    {
        Edit(Funding, "  citations: [cost-40m]\n", "  citations: [cost-40m]\n  supersedes: [terminal-cost-52m]\n");

        OnlyError(Funding, 11, "fact 'terminal-cost-40m': supersedes fact 'terminal-cost-52m'", "is not older");
    }

    [Fact]
    public void ReportsAFactThatSupersedesOneOfItsOwnSource()
    {
        Edit(Funding, "  citations: [cost-52m]", "  citations: [cost-40m]");

        OnlyError(Funding, 19, "supersedes fact 'terminal-cost-40m', which is reported by the same source 'harbour-initial'");
    }

    [Fact]
    public void ReportsASourceWithoutAPublishedTime()
    {
        Edit("sources/harbour-initial.yaml", "published: 2026-03-04T09:00:00Z\n", "");

        OnlyError(Funding, 19, "source 'harbour-initial' has no published time");
    }

    [Fact]
    public void ReportsASupersedesThatIsNotAList()
    {
        Edit(Funding, "supersedes: [terminal-cost-40m]", "supersedes: terminal-cost-40m");

        var error = Assert.Single(Errors());
        Assert.Equal($"{HarbourStory.FolderName}/{Funding}", error.File);
        Assert.Equal(19, error.Line);
        Assert.Contains("supersedes", error.Message, StringComparison.Ordinal);
    }

    private void Edit(string relativePath, string from, string to)
    {
        var path = Path.Combine(_pack, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private IReadOnlyList<KnowledgePackError> Errors()
    {
        var result = KnowledgePackLoader.TryLoad(_pack);
        Assert.Null(result.Pack);
        return result.Errors;
    }

    private KnowledgePackError OnlyError(string file, int line, params string[] says)
    {
        var errors = Errors();
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", errors));
        Assert.Equal($"{HarbourStory.FolderName}/{file}", errors[0].File);
        Assert.Equal(line, errors[0].Line);
        foreach (var text in says)
        {
            Assert.Contains(text, errors[0].Message, StringComparison.Ordinal);
        }

        return errors[0];
    }
}
