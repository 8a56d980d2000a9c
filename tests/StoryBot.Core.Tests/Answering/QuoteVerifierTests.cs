using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Answering;

public sealed class QuoteVerifierTests
{
    [Fact]
    public void AcceptsEveryExcerptOfTheRealPack()
    {
        var pack = StoryServices.Pack;
        foreach (var excerpt in pack.Excerpts)
        {
            var citation = ReplyComposer.CitationOf(excerpt, null, pack, Language.English);
            Assert.True(QuoteVerifier.IsVerbatim(citation, pack), excerpt.Id);
        }
    }

    [Fact]
    public async Task AnAnswerWhoseQuoteDoesNotMatchItsSourceIsNotSent()
    {
        var pack = StoryServices.Pack;
        var tampered = pack.Excerpts
            .Select(e => e.Id == "stargate-up-to-500bn" ? e with { Quote = e.Quote.Replace("500", "600", StringComparison.Ordinal) } : e)
            .ToList();
        var broken = new KnowledgePack(pack.Sources, tampered, pack.Entities, pack.Facts, pack.Timeline, pack.Summary, pack.Version);
        var bot = StoryServices.Create(pack: broken).GetRequiredService<IChatBot>();

        var reply = await bot.Bot("/funding");

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Empty(reply.Citations);
        Assert.DoesNotContain("600 Milliarden", reply.Text, StringComparison.Ordinal);
    }
}
