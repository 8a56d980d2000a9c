using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>The pack the bot ships with, loaded from this checkout's knowledge folder.</summary>
public sealed class RepositoryPackTests
{
    private static readonly KnowledgePackLoadResult Result = KnowledgePackLoader.TryLoad(RepoRoot.Story);

    [Fact]
    public void LoadsWithoutErrors()
    {
        Assert.True(Result.IsValid, string.Join(Environment.NewLine, Result.Errors));
    }

    [Fact]
    public void ServesTheStoryWithItsElevenParagraphs()
    {
        var story = Assert.Single(Result.Pack!.Sources);

        Assert.Equal("stargate-dispute", story.Id);
        Assert.Equal(11, story.Paragraphs.Count);
        Assert.Equal([11], story.Paragraphs.Where(p => p.Flagged).Select(p => p.Number));
    }

    [Fact]
    public void ResolvesEveryExcerptToTheTextAtItsParagraphAndOffset()
    {
        var pack = Result.Pack!;

        Assert.All(pack.Excerpts, excerpt =>
        {
            var paragraph = pack.Source(excerpt.SourceId).Paragraphs[excerpt.Paragraph - 1];
            Assert.Equal(excerpt.Quote, paragraph.Text.Substring(excerpt.Start, excerpt.Length));
        });
    }

    [Fact]
    public void HasEveryKindOfCuratedContent()
    {
        var pack = Result.Pack!;

        Assert.NotEmpty(pack.Entities);
        Assert.Equal(pack.Story.Topics.Select(t => t.Id), pack.Facts.Select(f => f.Topic).Distinct());
        Assert.NotEmpty(pack.Timeline);
        Assert.NotEmpty(pack.Summary.Citations);
    }
}
