using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.Knowledge.Loading;

public sealed class KnowledgePackLoaderTests
{
    private static IReadOnlyList<KnowledgePackError> ErrorsOf(FixturePack pack)
    {
        var result = KnowledgePackLoader.TryLoad(pack.Path);
        Assert.Null(result.Pack);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    private static KnowledgePackError Single(IReadOnlyList<KnowledgePackError> errors)
    {
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", errors));
        return errors[0];
    }

    public sealed class AValidPack
    {
        [Fact]
        public void LoadsEveryPartOfThePack()
        {
            using var fixture = new FixturePack();

            var pack = KnowledgePackLoader.Load(fixture.Path);

            Assert.Equal("story", Assert.Single(pack.Sources).Id);
            Assert.Equal(["headline", "up-to-500bn", "committed-100bn", "no-money", "wrong"], pack.Excerpts.Select(e => e.Id));
            Assert.Equal(["musk", "altman", "stargate"], pack.Entities.Select(e => e.Id));
            Assert.Equal(["Altman", "Altmann"], pack.FindEntity("altman")!.Aliases);
            Assert.Empty(pack.FindEntity("stargate")!.Aliases);
            Assert.Equal(new LocalizedText("Rebuts Musk.", "Widerspricht Musk."), pack.FindEntity("altman")!.Role);
            Assert.Equal(["tuesday-musk", "wednesday-altman"], pack.Timeline.Select(t => t.Id));
            Assert.Equal(["headline", "no-money", "wrong"], pack.Summary.Citations);
        }

        [Fact]
        public void GroupsFactsByTheTopicTheirFileIsNamedAfter()
        {
            using var fixture = new FixturePack();

            var pack = KnowledgePackLoader.Load(fixture.Path);

            Assert.Equal(
                [("up-to-500bn", "funding"), ("musk-no-money", "funding"), ("altman-wrong", "dispute")],
                pack.Facts.Select(f => (f.Id, f.Topic)));
            var claim = pack.Facts.Single(f => f.Id == "musk-no-money");
            Assert.Equal(new Attribution(AttributionKind.Claimed, "musk"), claim.Attribution);
            Assert.Equal(["musk", "stargate"], claim.Entities);
            Assert.Equal(new Attribution(AttributionKind.Reported, null), pack.Facts[0].Attribution);
        }

        [Fact]
        public void ResolvesEachQuoteToItsParagraphAndOffset()
        {
            using var fixture = new FixturePack();

            var pack = KnowledgePackLoader.Load(fixture.Path);

            Assert.Equal((1, 0), (pack.Excerpt("headline").Paragraph, pack.Excerpt("headline").Start));
            Assert.Equal((2, 0), (pack.Excerpt("up-to-500bn").Paragraph, pack.Excerpt("up-to-500bn").Start));
            Assert.Equal((2, 54), (pack.Excerpt("committed-100bn").Paragraph, pack.Excerpt("committed-100bn").Start));
            Assert.Equal((3, 0), (pack.Excerpt("no-money").Paragraph, pack.Excerpt("no-money").Start));
            Assert.Equal((4, 31), (pack.Excerpt("wrong").Paragraph, pack.Excerpt("wrong").Start));
        }

        [Fact]
        public void DropsNotContentLinesAndCarriesParagraphFlags()
        {
            using var fixture = new FixturePack();

            var source = KnowledgePackLoader.Load(fixture.Path).Source("story");

            Assert.Equal(4, source.Paragraphs.Count);
            Assert.DoesNotContain(source.Paragraphs, p => p.Text.Contains("tch-1-tech", StringComparison.Ordinal));
            Assert.Equal(new LocalizedText("Example flag.", "Beispielmarkierung."), source.Paragraphs[3].Flag);
            Assert.True(source.Paragraphs[3].Flagged);
            Assert.False(source.Paragraphs[0].Flagged);
            Assert.Equal("Musk and Altman fight over Stargate", source.TitleEn);
        }

        [Fact]
        public void ReadsWindowsLineEndingsAndByteOrderMarksLikeAnyOtherFile()
        {
            using var fixture = new FixturePack();
            var unix = KnowledgePackLoader.Load(fixture.Path);
            foreach (var file in new[] { "sources/story.de.txt", "excerpts.yaml", "entities.yaml" })
            {
                var text = fixture.Read(file).ReplaceLineEndings("\r\n");
                File.WriteAllText(Path.Combine(fixture.Path, file), text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            }

            var windows = KnowledgePackLoader.Load(fixture.Path);

            Assert.Equal(unix.Source("story").Paragraphs, windows.Source("story").Paragraphs);
            Assert.Equal(unix.Excerpts, windows.Excerpts);
        }

        [Fact]
        public void HasTheSameVersionWhenNothingChanged()
        {
            using var fixture = new FixturePack();

            var first = KnowledgePackLoader.Load(fixture.Path).Version;
            var second = KnowledgePackLoader.Load(fixture.Path).Version;

            Assert.Equal(first, second);
            Assert.Matches("^[0-9a-f]{64}$", first);
        }

        [Theory]
        [InlineData("summary.yaml")]
        [InlineData("sources/story.de.txt")]
        [InlineData("facts/dispute.yaml")]
        public void GetsANewVersionWhenAnyPackFileChanges(string file)
        {
            using var fixture = new FixturePack();
            var before = KnowledgePackLoader.Load(fixture.Path).Version;

            File.AppendAllText(Path.Combine(fixture.Path, file), "\n# edited\n");

            Assert.NotEqual(before, KnowledgePackLoader.Load(fixture.Path).Version);
        }

        [Fact]
        public void IgnoresTheCuratorsReadmeForTheVersion()
        {
            using var fixture = new FixturePack();
            var before = KnowledgePackLoader.Load(fixture.Path).Version;

            fixture.Write("README.md", "# Notes");

            Assert.Equal(before, KnowledgePackLoader.Load(fixture.Path).Version);
        }
    }
}
