using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>The repository's real story source and excerpts, loaded with small curated files around them.</summary>
public sealed class StorySourceTests : IDisposable
{
    private readonly FixturePack _fixture = FixturePack.WithRealSourceAndExcerpts();
    private readonly KnowledgePack _pack;

    public StorySourceTests() => _pack = KnowledgePackLoader.Load(_fixture.Path);

    public void Dispose() => _fixture.Dispose();

    private SourceDocument Story => _pack.Source("stargate-dispute");

    [Fact]
    public void SplitsTheStoryIntoItsElevenContentParagraphs()
    {
        Assert.Equal(Enumerable.Range(1, 11), Story.Paragraphs.Select(p => p.Number));
        Assert.Equal("Elon Musk und Sam Altman nutzen die sozialen Medien, um um Stargate zu streiten", Story.Paragraphs[0].Text);
        Assert.StartsWith("Der Milliardär Elon Musk", Story.Paragraphs[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Altmann schoss zurück", Story.Paragraphs[6].Text, StringComparison.Ordinal);
        Assert.StartsWith("Als Satya Nadella", Story.Paragraphs[10].Text, StringComparison.Ordinal);
        Assert.EndsWith("Rekordbetrag für KI-Rechenzentren auszugeben.", Story.Paragraphs[10].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LeavesTheStrayTrackingTagOutOfEveryParagraph()
    {
        Assert.Contains("tch-1-tech", Story.RawText, StringComparison.Ordinal);
        Assert.DoesNotContain(Story.Paragraphs, p => p.Text.Contains("tch-1-tech", StringComparison.Ordinal));
    }

    [Fact]
    public void FlagsOnlyTheGarbledNadellaParagraph()
    {
        var flagged = Assert.Single(Story.Paragraphs, p => p.Flagged);
        Assert.Equal(11, flagged.Number);
        Assert.Contains("Nadella", flagged.Flag!.En, StringComparison.Ordinal);
        Assert.Contains("Nadella", flagged.Flag.De, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsTheSourceMetadata()
    {
        Assert.Equal("Elon Musk und Sam Altman nutzen die sozialen Medien, um um Stargate zu streiten", Story.Title);
        Assert.Equal("Elon Musk and Sam Altman take to social media to fight over Stargate", Story.TitleEn);
        Assert.Equal("TechCrunch (German translation)", Story.Outlet);
        Assert.Equal("de", Story.Language);
        Assert.Equal("news-article", Story.Kind);
    }

    public static TheoryData<string, int> ExpectedParagraphs => new()
    {
        { "headline", 1 },
        { "dek", 2 },
        { "stargate-up-to-500bn", 3 },
        { "partners-committed-100bn", 3 },
        { "musk-claims-no-money", 4 },
        { "musk-they-dont-have-the-money", 5 },
        { "musk-softbank-under-10bn", 5 },
        { "musk-not-neutral", 6 },
        { "xai-rival-in-litigation", 6 },
        { "xai-lawsuit-allegations", 6 },
        { "altman-fires-back", 7 },
        { "altman-wrong", 8 },
        { "altman-great-for-the-country", 8 },
        { "musk-leads-doge", 9 },
        { "doge-executive-order", 9 },
        { "xai-hungry-for-infrastructure", 10 },
        { "xai-memphis-12bn", 10 },
        { "nadella-davos-garbled", 11 },
    };

    [Theory]
    [MemberData(nameof(ExpectedParagraphs))]
    public void ResolvesEachRealExcerptToItsParagraphAndOffset(string id, int paragraph)
    {
        var excerpt = _pack.Excerpt(id);

        Assert.Equal(paragraph, excerpt.Paragraph);
        var text = Story.Paragraphs[paragraph - 1].Text;
        Assert.Equal(excerpt.Quote, text.Substring(excerpt.Start, excerpt.Length));
    }

    [Fact]
    public void CoversEveryExcerptOfThePack()
    {
        Assert.Equal(
            ExpectedParagraphs.Select(row => (string)row[0]).Order(StringComparer.Ordinal),
            _pack.Excerpts.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("headline", 0)]
    [InlineData("partners-committed-100bn", 269)]
    [InlineData("musk-softbank-under-10bn", 99)]
    [InlineData("altman-wrong", 0)]
    [InlineData("xai-memphis-12bn", 85)]
    public void ComputesOffsetsCountedInCharactersOfTheParagraph(string id, int start)
    {
        Assert.Equal(start, _pack.Excerpt(id).Start);
    }
}
