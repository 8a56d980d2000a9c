using System.Text.RegularExpressions;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Platforms;
using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

/// <summary>The summary composed from the curated pack in the checkout (knowledge/).</summary>
public sealed partial class StorySummaryOnTheRealPackTests
{
    private static readonly Lazy<KnowledgePack> Pack = new(() => KnowledgePackLoader.Load(StoryBot.Testing.RepositoryFiles.Story));

    private static readonly StorySummaryComposer Composer = new();

    public static TheoryData<Language> Languages => new() { Language.English, Language.German };

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(15)]
    public void CitesNoMoreExcerptsThanOneMessageOfThePostingPlatformShows(int maxCitations)
    {
        var limited = Composer.Compose(Language.English, CitationFilter.AllowAll, Pack.Value, limits: new PlatformLimits(maxCitations));
        var unlimited = Composer.Compose(Language.English, CitationFilter.AllowAll, Pack.Value);

        Assert.InRange(limited.Citations.Count, 1, maxCitations);
        Assert.Equal(Math.Min(maxCitations, unlimited.Citations.Count), limited.Citations.Count);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void IsAFewCitedLinesWhoseQuotesStandVerbatimInTheirParagraphs(Language language)
    {
        var pack = Pack.Value;

        // As on Discord, whose message shows nine quotes.
        var reply = Composer.Compose(language, CitationFilter.AllowAll, pack, limits: new PlatformLimits(MaxCitations: 9));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.InRange(reply.Citations.Count, 3, 9);
        Assert.InRange(reply.Text.Length, 200, 1800);
        Assert.Equal(4, reply.Text.Split('\n').Length);
        foreach (var citation in reply.Citations)
        {
            var paragraph = pack.Source(citation.Source).Paragraphs[citation.Paragraph - 1];
            Assert.Contains(citation.Quote, paragraph.Text, StringComparison.Ordinal);
            Assert.Null(paragraph.Flag);
            Assert.False(string.IsNullOrWhiteSpace(citation.Attribution));
        }

        // Every line after the title ends in references, and every reference points at a citation.
        foreach (var line in reply.Text.Split('\n').Skip(1))
        {
            Assert.Matches(@"\[\d+\]\.$", line);
        }

        var referenced = Marker().Matches(reply.Text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(Enumerable.Range(1, reply.Citations.Count), referenced.Order());
    }

    [Fact]
    public void NeverCitesAnExcerptAModeratorDisabledWhicheverItIs()
    {
        var pack = Pack.Value;
        var cited = Composer.Compose(Language.English, CitationFilter.AllowAll, pack).Citations.Select(c => c.Id).ToList();

        foreach (var id in cited)
        {
            var filter = new CitationFilter(new HashSet<string>(), new HashSet<string> { id });

            var reply = Composer.Compose(Language.English, filter, pack);

            Assert.DoesNotContain(reply.Citations, c => c.Id == id);
            Assert.DoesNotContain(pack.Excerpt(id).Quote, string.Concat(reply.Citations.Select(c => c.Quote)), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
