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
        var broken = new KnowledgePack(pack.Story, pack.Sources, tampered, pack.Entities, pack.Facts, pack.Timeline, pack.Summary, pack.Version);
        var bot = StoryServices.Create(pack: broken).GetRequiredService<IChatBot>();

        var reply = await bot.Bot("/funding");

        AssertRefused(reply);
    }

    [Fact]
    public async Task AReplyOfAnyCommandWhoseQuoteDoesNotMatchItsSourceIsNotSent()
    {
        var excerpt = StoryServices.Pack.Excerpt("stargate-up-to-500bn");
        var tampered = ReplyComposer.CitationOf(excerpt, null, StoryServices.Pack, Language.English) with { Quote = excerpt.Quote.Replace("500", "600", StringComparison.Ordinal) };
        var bot = StoryServices.Create(extra: services => services.AddSingleton<IChatCommand>(new FixedReplyCommand("summary", tampered)))
            .GetRequiredService<IChatBot>();

        var reply = await bot.Bot("/summary");

        AssertRefused(reply);
    }

    [Fact]
    public async Task AReplyOfAnyCommandWithVerbatimQuotesGoesOutUnchanged()
    {
        var citation = ReplyComposer.CitationOf(StoryServices.Pack.Excerpt("altman-wrong"), null, StoryServices.Pack, Language.English);
        var bot = StoryServices.Create(extra: services => services.AddSingleton<IChatCommand>(new FixedReplyCommand("summary", citation)))
            .GetRequiredService<IChatBot>();

        var reply = await bot.Bot("/summary");

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal([citation], reply.Citations);
    }

    private static void AssertRefused(Reply reply)
    {
        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Empty(reply.Citations);
        Assert.DoesNotContain("600 Milliarden", reply.Text, StringComparison.Ordinal);
    }

    /// <summary>A feature's command that answers with one given citation.</summary>
    private sealed class FixedReplyCommand(string name, Citation citation) : IChatCommand
    {
        public string Name => name;

        public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new Reply
            {
                Question = context.Request.Text,
                Language = context.Language,
                Kind = ReplyKind.Answer,
                Body = [TextRun.Plain("A feature's answer.")],
                Citations = [citation],
            });
    }
}
