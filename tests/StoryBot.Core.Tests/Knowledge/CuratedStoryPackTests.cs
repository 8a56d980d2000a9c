using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.Knowledge.Loading;

using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge;

/// <summary>
/// The curated layer in the repository's knowledge folder keeps the article's perspective:
/// every figure says who stands behind it, nobody is quoted who is not, and the story's own days
/// stay in order. These guard the pack against edits that load fine but say the wrong thing.
/// </summary>
public sealed class CuratedStoryPackTests
{
    private static readonly Lazy<KnowledgePack> RealPack = new(() => KnowledgePackLoader.Load(RepoRoot.Story));

    private static KnowledgePack Pack => RealPack.Value;

    private static Fact FactById(string id) => Assert.Single(Pack.Facts, f => f.Id == id);

    public sealed class Entities
    {
        [Theory]
        [InlineData("elon-musk", EntityKind.Person)]
        [InlineData("sam-altman", EntityKind.Person)]
        [InlineData("donald-trump", EntityKind.Person)]
        [InlineData("satya-nadella", EntityKind.Person)]
        [InlineData("openai", EntityKind.Organisation)]
        [InlineData("softbank", EntityKind.Organisation)]
        [InlineData("mgx", EntityKind.Organisation)]
        [InlineData("xai", EntityKind.Organisation)]
        [InlineData("doge", EntityKind.Organisation)]
        [InlineData("microsoft", EntityKind.Organisation)]
        [InlineData("stargate", EntityKind.Project)]
        [InlineData("x-platform", EntityKind.Product)]
        [InlineData("white-house", EntityKind.Place)]
        [InlineData("abilene-texas", EntityKind.Place)]
        [InlineData("memphis-tennessee", EntityKind.Place)]
        [InlineData("davos-wef", EntityKind.Event)]
        public void NameEveryoneTheStoryNames(string id, EntityKind kind)
        {
            var entity = Pack.FindEntity(id);

            Assert.NotNull(entity);
            Assert.Equal(kind, entity.Kind);
        }

        [Theory]
        [InlineData("sam-altman", "Altmann")]
        [InlineData("satya-nadella", "Nadela")]
        [InlineData("white-house", "Weißes Haus")]
        [InlineData("white-house", "Weisses Haus")]
        [InlineData("davos-wef", "Weltwirtschaftsforum")]
        [InlineData("doge", "Department of Government Efficiency")]
        [InlineData("x-platform", "Twitter")]
        [InlineData("softbank", "Soft Bank")]
        [InlineData("openai", "Open AI")]
        public void KnowTheNamesPeopleType(string id, string alias)
        {
            Assert.Contains(alias, Pack.FindEntity(id)!.Aliases);
        }

        [Fact]
        public void GiveNoNameToTwoEntities()
        {
            var owners = Pack.Entities
                .SelectMany(e => e.Aliases.Prepend(e.Name).Select(name => (Name: name.ToLowerInvariant(), e.Id)))
                .Distinct()
                .GroupBy(x => x.Name)
                .Where(g => g.Count() > 1)
                .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Id))}");

            Assert.Empty(owners);
        }
    }

    public sealed class Facts
    {
        [Theory]
        [InlineData("funding-stargate-up-to-500bn", "$500 billion", "500 Milliarden", AttributionKind.Announced, null)]
        [InlineData("funding-partners-committed-100bn", "$100 billion", "100 Milliarden", AttributionKind.Reported, null)]
        [InlineData("funding-softbank-under-10bn", "$10 billion", "10 Milliarden", AttributionKind.Claimed, "elon-musk")]
        [InlineData("funding-xai-memphis-12bn", "$12 billion", "12 Milliarden", AttributionKind.Estimated, null)]
        public void SayWhoStandsBehindEachMoneyFigure(string id, string en, string de, AttributionKind kind, string? by)
        {
            var fact = FactById(id);

            Assert.Contains(en, fact.Statement.En, StringComparison.Ordinal);
            Assert.Contains(de, fact.Statement.De, StringComparison.Ordinal);
            Assert.Equal(new Attribution(kind, by), fact.Attribution);
        }

        [Fact]
        public void AttributeAltmansRebuttalToHim()
        {
            var rebuttal = FactById("dispute-altman-rebuts-softbank-claim");

            Assert.Equal(new Attribution(AttributionKind.Rebutted, "sam-altman"), rebuttal.Attribution);
            Assert.Equal(["altman-wrong"], rebuttal.Citations);
        }

        [Fact]
        public void NameWhoeverMakesAClaimOrARebuttal()
        {
            var anonymous = Pack.Facts
                .Where(f => f.Attribution.Kind is AttributionKind.Claimed or AttributionKind.Rebutted && f.Attribution.By is null)
                .Select(f => f.Id);

            Assert.Empty(anonymous);
        }

        [Fact]
        public void NeverPutWordsInNadellasMouth()
        {
            Assert.DoesNotContain(Pack.Facts, f => f.Attribution.By == "satya-nadella");

            var missing = FactById("people-nadella-quote-missing");
            Assert.Equal(["nadella-davos-garbled"], missing.Citations);
            Assert.Equal(AttributionKind.Reported, missing.Attribution.Kind);
        }

        [Fact]
        public void CoverEveryExcerptOfTheStory()
        {
            var cited = Pack.Facts.SelectMany(f => f.Citations).ToHashSet(StringComparer.Ordinal);

            var uncited = Pack.Excerpts.Select(e => e.Id).Except(cited, StringComparer.Ordinal);

            Assert.Empty(uncited);
        }

        [Fact]
        public void FillEveryTopic()
        {
            Assert.Equal(Pack.Story.Topics.Select(t => t.Id), Pack.Facts.Select(f => f.Topic).Distinct());
        }

        [Fact]
        public void ParaphraseTheArticleInsteadOfCopyingWholeSentences()
        {
            var copies = Pack.Facts
                .SelectMany(f => Pack.Excerpts.Where(e => f.Statement.De.Contains(e.Quote, StringComparison.Ordinal)).Select(e => $"{f.Id} copies {e.Id}"));

            Assert.Empty(copies);
        }
    }

    public sealed class Timeline
    {
        [Fact]
        public void FollowsTheStorysOwnDays()
        {
            string[] days = ["Last year", "Monday", "Tuesday", "Wednesday"];

            var order = Pack.Timeline
                .OrderBy(t => t.Order)
                .Select(t => Array.IndexOf(days, t.Day.En))
                .Where(index => index >= 0)
                .ToList();

            Assert.Equal(order.Order(), order);
            Assert.Equal([0, 1, 2, 3], order.Distinct());
        }

        [Fact]
        public void NamesTheDaysInGermanToo()
        {
            var german = Pack.Timeline.Where(t => t.Day.En == "Wednesday").Select(t => t.Day.De).Distinct();

            Assert.Equal(["Mittwoch"], german);
        }
    }
}
