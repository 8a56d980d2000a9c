using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Conversation;

/// <summary>
/// One host serving the real story and the harbour story side by side: each channel is answered from the
/// story Stories:Channels maps it to, everything else from the default story.
/// </summary>
public sealed class ChannelStoriesTests : IDisposable
{
    private const string HarbourChannel = "C-harbour";
    private const string NewsChannel = "C-news";

    private readonly TwoStories _stories = new();
    private readonly ServiceProvider _services;
    private readonly ConversationPipeline _pipeline;
    private readonly IServedStories _served;

    public ChannelStoriesTests()
    {
        _services = _stories.Services(("Stories:Default", TwoStories.Stargate), ($"Stories:Channels:{HarbourChannel}", TwoStories.Harbour));
        _pipeline = _services.GetRequiredService<ConversationPipeline>();
        _served = _services.GetRequiredService<IServedStories>();
    }

    public void Dispose()
    {
        _services.Dispose();
        _stories.Dispose();
    }

    private static ChatRequest InChannel(string channel, string text) =>
        new("slack", channel, "U1", text) { ChannelKind = ChannelKind.Channel };

    private async Task<Reply> AskAsync(ChatRequest request) =>
        (await _pipeline.AskAsync(request, mustAnswer: true, CancellationToken.None))!;

    private HashSet<string> ExcerptsOf(string story) => [.. _served.Find(story)!.Excerpts.Select(e => e.Id)];

    [Fact]
    public async Task AQuestionInAMappedChannelIsAnsweredFromItsStory()
    {
        var reply = await AskAsync(InChannel(HarbourChannel, "How much does the ferry terminal cost?"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Contains("cost-52m", reply.Citations.Select(c => c.Id));
        Assert.Subset(ExcerptsOf(TwoStories.Harbour), reply.Citations.Select(c => c.Id).ToHashSet());
    }

    [Fact]
    public async Task TheSameQuestionInAnotherChannelIsAnsweredFromTheDefaultStory()
    {
        var harbour = await AskAsync(InChannel(HarbourChannel, "Who is building it?"));
        var news = await AskAsync(InChannel(NewsChannel, "Who is building it?"));

        Assert.Subset(ExcerptsOf(TwoStories.Harbour), harbour.Citations.Select(c => c.Id).ToHashSet());
        Assert.NotEmpty(harbour.Citations);
        Assert.DoesNotContain(news.Citations, c => ExcerptsOf(TwoStories.Harbour).Contains(c.Id));
    }

    [Theory]
    [InlineData("/funding")]
    [InlineData("/summary")]
    [InlineData("/timeline")]
    public async Task AStoryCommandAskedInTwoChannelsCitesEachChannelsStoryAndNeverTheOthersKeptReply(string command)
    {
        var harbour = await AskAsync(InChannel(HarbourChannel, command));
        var news = await AskAsync(InChannel(NewsChannel, command));
        var harbourAgain = await AskAsync(InChannel(HarbourChannel, command));

        Assert.NotEmpty(harbour.Citations);
        Assert.NotEmpty(news.Citations);
        Assert.Subset(ExcerptsOf(TwoStories.Harbour), harbour.Citations.Select(c => c.Id).ToHashSet());
        Assert.Subset(ExcerptsOf(TwoStories.Stargate), news.Citations.Select(c => c.Id).ToHashSet());
        Assert.Equal(harbour.Citations.Select(c => c.Id), harbourAgain.Citations.Select(c => c.Id));
    }

    [Fact]
    public async Task EachStoryKeepsItsOwnRepliesSoChannelsTakingTurnsStillFindThemKept()
    {
        var replies = _services.GetRequiredService<ReplyCache>();

        await AskAsync(InChannel(HarbourChannel, "/funding"));
        await AskAsync(InChannel(NewsChannel, "/funding"));
        await AskAsync(InChannel(HarbourChannel, "/funding"));
        await AskAsync(InChannel(NewsChannel, "/funding"));

        Assert.Equal(2, replies.Misses);
        Assert.Equal(2, replies.Hits);
    }

    [Fact]
    public async Task ADirectMessageIsAnsweredFromTheDefaultStoryWhateverItsChannelId()
    {
        var reply = await AskAsync(new ChatRequest("slack", HarbourChannel, "U1", "/funding") { ChannelKind = ChannelKind.Direct });

        Assert.NotEmpty(reply.Citations);
        Assert.Subset(ExcerptsOf(TwoStories.Stargate), reply.Citations.Select(c => c.Id).ToHashSet());
    }

    [Fact]
    public async Task HelpNamesTheChannelsStory()
    {
        var harbour = await AskAsync(InChannel(HarbourChannel, "/help"));
        var news = await AskAsync(InChannel(NewsChannel, "/help"));

        Assert.Contains("Kellersund", harbour.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kellersund", news.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModeratorsChoiceWinsOverTheConfigurationUnlessItNamesAStoryNotServed()
    {
        var choices = new Mock<IChannelStoryChoices>();
        choices.Setup(c => c.StoryOfAsync("slack", NewsChannel, It.IsAny<CancellationToken>())).ReturnsAsync(TwoStories.Harbour);
        choices.Setup(c => c.StoryOfAsync("slack", HarbourChannel, It.IsAny<CancellationToken>())).ReturnsAsync("no-longer-served");
        var stories = new ChannelStories(_services.GetRequiredService<IOptions<StoriesOptions>>(), _served as IKnowledgeProvider, choices.Object);

        var news = await stories.StoryOfAsync(InChannel(NewsChannel, "/funding"), CancellationToken.None);
        var harbour = await stories.StoryOfAsync(InChannel(HarbourChannel, "/funding"), CancellationToken.None);
        var direct = await stories.StoryOfAsync(new ChatRequest("slack", NewsChannel, "U1", "/funding") { ChannelKind = ChannelKind.Direct }, CancellationToken.None);

        Assert.Equal(TwoStories.Harbour, news);
        Assert.Equal(TwoStories.Harbour, harbour);
        Assert.Null(direct);
    }

    [Fact]
    public async Task AQuestionOnlyAnotherStoryAnswersSaysWhichStoryAndHowToSwitchTheChannel()
    {
        var news = await AskAsync(InChannel(NewsChannel, "How much does the ferry terminal cost?"));
        var harbour = await AskAsync(InChannel(HarbourChannel, "How much money has SoftBank secured?"));

        Assert.True(news.Abstained);
        Assert.Empty(news.Citations);
        Assert.Contains("Kellersund", news.Text, StringComparison.Ordinal);
        Assert.Contains($"/moderate story {TwoStories.Harbour}", news.Text, StringComparison.Ordinal);
        Assert.True(harbour.Abstained);
        Assert.Contains("direct message", harbour.Text, StringComparison.Ordinal);
        Assert.Contains($"/moderate story {TwoStories.Stargate}", harbour.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionNoStoryAnswersGetsThePlainAbstention()
    {
        var reply = await AskAsync(InChannel(NewsChannel, "What is the capital of Peru?"));

        Assert.True(reply.Abstained);
        Assert.DoesNotContain("/moderate story", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideAnyRequestTheDefaultStoryServes()
    {
        var knowledge = _services.GetRequiredService<IKnowledgeProvider>();

        Assert.Equal(TwoStories.Stargate, knowledge.Current.Story.Id);
        Assert.Null(StoryScope.Current);
    }
}
