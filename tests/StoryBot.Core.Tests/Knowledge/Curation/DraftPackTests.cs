using System.Text.RegularExpressions;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Curation;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Curation;

public sealed partial class DraftPackTests : IDisposable
{
    private static readonly string Article = File.ReadAllText(Path.Combine(RepoRoot.Story, "sources", "stargate-dispute.de.txt"));

    private readonly string _folder = Directory.CreateTempSubdirectory("storybot-draft-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EveryExcerptOfADraftIsASentenceOfTheArticleWhereTheDraftSaysItStands()
    {
        var paragraphs = SourceParagraphs.Split(Article, []).Paragraphs;

        var excerpts = DraftPack.Excerpts(paragraphs);

        Assert.True(excerpts.Count >= paragraphs.Count);
        Assert.All(excerpts, e => Assert.Equal(e.Sentence.Text, paragraphs[e.Paragraph - 1][e.Sentence.Start..e.Sentence.End]));
        Assert.Equal(excerpts.Count, excerpts.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void ADraftIsRefusedForItsPlaceholdersAndForNothingElse()
    {
        Write(DraftPack.Create(Article, "follow-up", "de"));

        var check = PackCheck.Run(_folder);

        Assert.False(check.Passed);
        Assert.All(check.Errors, e => Assert.Contains("is still a draft placeholder", e.Message, StringComparison.Ordinal));
        Assert.Equal(check.Coverage.Excerpts, check.Coverage.WithoutRendering);
        Assert.Equal(check.Errors.Count, check.Coverage.Placeholders);
        Assert.Equal(0, check.Coverage.EntitiesWithoutExcerpt);
    }

    [Fact]
    public void OnceACuratorHasWrittenEveryPlaceholderTheDraftLoadsAsAStory()
    {
        Write(DraftPack.Create(Article, "follow-up", "de"));
        foreach (var file in Directory.EnumerateFiles(_folder, "*.yaml", SearchOption.AllDirectories))
        {
            var written = 0;
            File.WriteAllText(file, Placeholder().Replace(File.ReadAllText(file), _ => $"\"Written by a curator ({++written})\""));
        }

        var check = PackCheck.Run(_folder);

        Assert.Empty(check.Errors);
        Assert.Equal(0, check.Coverage.Placeholders);
        var pack = KnowledgePackLoader.Load(_folder);
        Assert.Equal(check.Coverage.Excerpts, pack.Excerpts.Count);
        Assert.Equal(Article, File.ReadAllText(Path.Combine(_folder, "sources", "follow-up.de.txt")));
    }

    [Fact]
    public void ADraftNamesThePeopleAndCompaniesAndTheDaysOfTheArticle()
    {
        var files = DraftPack.Create(Article, "follow-up", "de").ToDictionary(f => f.RelativePath, f => f.Content);

        foreach (var name in new[] { "Sam Altman", "Elon Musk", "Donald Trump", "SoftBank", "OpenAI", "xAI", "DOGE", "MGX" })
        {
            Assert.Contains($"name: \"{name}\"", files["entities.yaml"], StringComparison.Ordinal);
        }

        foreach (var day in new[] { "am Dienstag", "am Mittwoch", "letztes Jahr" })
        {
            Assert.Contains($"de: \"{day}\"", files["timeline.yaml"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnEnglishArticleNeedsNoRenderings()
    {
        Write(DraftPack.Create("Musk claims Stargate lacks the money. Altman says he is wrong.", "english-story", "en"));

        var check = PackCheck.Run(_folder);

        Assert.Equal(2, check.Coverage.Excerpts);
        Assert.Equal(0, check.Coverage.WithoutRendering);
    }

    private void Write(IReadOnlyList<DraftFile> files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(_folder, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }

    [GeneratedRegex("\"" + DraftText.Prefix + "[^\"]*\"")]
    private static partial Regex Placeholder();
}
