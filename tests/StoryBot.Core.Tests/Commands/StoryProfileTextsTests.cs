using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;
using StoryBot.Testing;

namespace StoryBot.Core.Tests.Commands;

/// <summary>What the bot says about its story comes from the pack's story.yaml, not from the code.</summary>
public sealed class StoryProfileTextsTests
{
    private static readonly Lazy<IChatBot> BotOfAnotherStory = new(() =>
    {
        var real = StoryServices.Pack;
        var pack = new KnowledgePack(
            TestStoryProfile.Create(), real.Sources, real.Excerpts, real.Entities, real.Facts, real.Timeline, real.Summary, real.Version + "-profile");
        return StoryServices.Create(pack: pack).GetRequiredService<IChatBot>();
    });

    private static IChatBot Bot => BotOfAnotherStory.Value;

    [Fact]
    public async Task HelpOpensWithTheStorysOwnLineThenListsTheCommands()
    {
        var english = await Bot.Bot("/help");
        var german = await Bot.Bot("/help de");

        Assert.StartsWith("I answer questions about the test story.\n/ask <question>:", english.Text, StringComparison.Ordinal);
        Assert.StartsWith("Ich beantworte Fragen zur Testgeschichte.\n/ask <Frage>:", german.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyMessageGetsTheStorysWelcome()
    {
        var reply = await Bot.Bot("   ");

        Assert.Equal("Ask me about the test story.", reply.Text);
    }

    [Fact]
    public async Task WhoIsWithoutANameShowsTheStorysExample()
    {
        var reply = await Bot.Bot("/who-is");

        Assert.StartsWith("Whom should I look up? For example: /who-is Someone. The story names: ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATopicWithoutItsOwnHeadingIsHeadedByItsName()
    {
        var reply = await Bot.Bot("/funding");

        Assert.StartsWith("Funding", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatTheStoryDoesNotAnswerListsTheTopicsByTheStorysNames()
    {
        var reply = await Bot.Bot("Who won the football match?");

        Assert.Equal(ReplyKind.Abstention, reply.Kind);
        Assert.Contains("It covers: Funding; Dispute; People; Timeline; Places (", reply.Text, StringComparison.Ordinal);
    }
}
