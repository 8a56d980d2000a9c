using Microsoft.Extensions.DependencyInjection;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Answering;

/// <summary>
/// A developing story: a follow-up report corrects the terminal's cost (facts/funding.yaml of the harbour
/// fixture, <c>supersedes</c>). Answers lead with the newer report and say what the earlier one said.
/// </summary>
public sealed class NewerReportTests : IDisposable
{
    private readonly ServiceProvider _services = StoryServices.Create(pack: HarbourStory.Pack);

    public void Dispose() => _services.Dispose();

    private Task<Reply> AskAsync(string question) => _services.GetRequiredService<IChatBot>().Bot(question);

    private const string EarlierInEnglish =
        "An earlier report (Kellersund builds a new ferry terminal, 4 March 2026) said: The new ferry terminal is to cost 40 million euros.";

    private const string EarlierInGerman =
        "Ein früherer Bericht (Kellersund baut ein neues Fährterminal, 4. März 2026) sagte: Das neue Fährterminal soll 40 Millionen Euro kosten.";

    [Theory]
    [InlineData("How much does the ferry terminal cost?", Language.English, "52 million euros", EarlierInEnglish)]
    [InlineData("Is the terminal going to cost 40 million euros?", Language.English, "52 million euros", EarlierInEnglish)]
    [InlineData("Wie viel kostet das Fährterminal?", Language.German, "52 Millionen Euro", EarlierInGerman)]
    public async Task LeadsWithTheNewerReportThenSaysWhatTheEarlierOneSaidCitingBoth(string question, Language language, string newer, string earlier)
    {
        var reply = await AskAsync(question);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(language, reply.Language);
        Assert.Equal(["cost-52m", "cost-40m"], reply.Citations.Select(c => c.Id));
        Assert.Equal(["harbour-followup", "harbour-initial"], reply.Citations.Select(c => c.Source));
        var newerAt = reply.Text.IndexOf(newer, StringComparison.Ordinal);
        var earlierAt = reply.Text.IndexOf(earlier, StringComparison.Ordinal);
        Assert.True(newerAt >= 0 && earlierAt > newerAt, reply.Text);
        AssertQuotesStandInTheirSources(reply);
    }

    [Theory]
    [InlineData("Who builds the ferry terminal?")]
    [InlineData("Wer baut das Fährterminal?")]
    public async Task AnswersWhatOnlyTheEarlierReportSaysAsBefore(string question)
    {
        var reply = await AskAsync(question);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("builder-brandt", reply.Citations[0].Id);
        Assert.All(reply.Citations, c => Assert.Equal("harbour-initial", c.Source));
        Assert.Contains("Brandt Bau", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("earlier report", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("früherer Bericht", reply.Text, StringComparison.Ordinal);
        AssertQuotesStandInTheirSources(reply);
    }

    [Fact]
    public async Task TheTopicCommandListsTheCorrectedFactOnceInItsNewestVersion()
    {
        var reply = await AskAsync("/funding");

        Assert.Equal(["cost-52m", "cost-40m"], reply.Citations.Select(c => c.Id));
        Assert.Contains("• The new ferry terminal costs 52 million euros, by the town's new calculations.\n" + EarlierInEnglish, reply.Text, StringComparison.Ordinal);
        Assert.Single(reply.Text.Split("40 million euros")[1..]);
        AssertQuotesStandInTheirSources(reply);
    }

    [Fact]
    public async Task StatesTheNewerFigureWithoutTheEarlierWhenModeratorsWithdrewItsQuote()
    {
        var policy = new Mock<ICitationPolicy>();
        policy.Setup(p => p.GetFilterAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CitationFilter(new HashSet<string>(), new HashSet<string> { "cost-40m" }));
        using var services = StoryServices.Create(policy.Object, HarbourStory.Pack);

        var reply = await services.GetRequiredService<IChatBot>().Bot("How much does the ferry terminal cost?");

        Assert.Equal(["cost-52m"], reply.Citations.Select(c => c.Id));
        Assert.DoesNotContain("40 million", reply.Text, StringComparison.Ordinal);
    }

    /// <summary>The verbatim guarantee holds for both reports: each quote stands in its own source file.</summary>
    private static void AssertQuotesStandInTheirSources(Reply reply)
    {
        foreach (var citation in reply.Citations)
        {
            Assert.Contains(citation.Quote, HarbourStory.Pack.Source(citation.Source).RawText, StringComparison.Ordinal);
        }
    }
}
