using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;
using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class SummaryChatCommandTests
{
    private static readonly KnowledgePack Pack = SummaryTestPack.Build();

    private static SummaryChatCommand Command(CitationFilter filter)
    {
        var knowledge = Mock.Of<IKnowledgeProvider>(k => k.Current == Pack);
        var policy = new Mock<ICitationPolicy>();
        policy.Setup(p => p.GetFilterAsync(It.IsAny<CancellationToken>())).ReturnsAsync(filter);
        return new SummaryChatCommand(knowledge, policy.Object, new StorySummaryComposer(), []);
    }

    private static CommandContext Context(string text, Language language) =>
        new(new ChatRequest("slack", "C1", "U1", text), string.Empty, language);

    [Fact]
    public async Task ReturnsTheSameContentAsTheScheduledSummary()
    {
        var reply = await Command(CitationFilter.AllowAll).ExecuteAsync(Context("/summary de", Language.German), CancellationToken.None);

        var scheduled = new StorySummaryComposer().Compose(Language.German, CitationFilter.AllowAll, Pack);
        Assert.Equal((ReplyKind.Answer, "/summary de"), (reply.Kind, reply.Question));
        Assert.False(reply.IsPrivate);
        Assert.Equal(scheduled.Text, reply.Text);
        Assert.Equal(scheduled.Citations, reply.Citations);
    }

    [Fact]
    public async Task RespectsWhatModeratorsDisabledAtTheTimeOfAsking()
    {
        var filter = new CitationFilter(new HashSet<string>(), new HashSet<string> { "altman-wrong" });

        var reply = await Command(filter).ExecuteAsync(Context("/summary", Language.English), CancellationToken.None);

        Assert.DoesNotContain(reply.Citations, c => c.Id == "altman-wrong");
        Assert.DoesNotContain("Altman replied", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutSchedulingAddSummariesRegistersTheCommandButNoScheduler()
    {
        var configuration = new ConfigurationBuilder().Build();

        var services = new ServiceCollection().AddSummaries(configuration, schedule: false);

        Assert.Contains(services, d => d.ImplementationType == typeof(SummaryChatCommand));
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(SummaryScheduler));
    }

    [Fact]
    public void AddSummariesRegistersItAfterWhateverSummaryCommandCameBefore()
    {
        var configuration = new ConfigurationBuilder().Build();
        var earlier = Mock.Of<IChatCommand>(c => c.Name == "summary");
        var services = new ServiceCollection().AddSingleton(earlier).AddSummaries(configuration);

        var last = services.Last(d => d.ServiceType == typeof(IChatCommand));

        Assert.Equal(typeof(SummaryChatCommand), last.ImplementationType);
    }
}
