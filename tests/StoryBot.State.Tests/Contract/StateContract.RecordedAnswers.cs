using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task AnAnswerIsKnownByItsMessageIdAloneAfterARestart()
    {
        await using (var before = new StateHarness(Backend, Time, [Discord.Object]))
        {
            await before.PostAnswerAsync("m-1", Language.English, "a-2");
        }

        var recorded = Start().Get<IRecordedAnswers>();

        Assert.True(await recorded.ContainsAsync("discord", "m-1", CancellationToken.None));
        Assert.False(await recorded.ContainsAsync("slack", "m-1", CancellationToken.None));
        Assert.False(await recorded.ContainsAsync("discord", "channel-1", CancellationToken.None));
    }

    [StorageFact]
    public async Task AnswersAreFoundByTheirIdsInOneReadAndAnIdWithNoAnswerIsLeftOut()
    {
        var bot = Start(Discord.Object);
        await bot.PostAnswerAsync("m-1", Language.English, "a-2");
        await bot.PostAnswerAsync("m-2", Language.German, "a-1");
        var log = bot.Get<AnswerLog>();
        var first = (await log.FindByMessageAsync("discord", "channel-1", "m-1", CancellationToken.None))!.Id;
        var second = (await log.FindByMessageAsync("discord", "channel-1", "m-2", CancellationToken.None))!.Id;

        var found = await log.FindManyAsync([first, second, second, second + 1_000], CancellationToken.None);

        Assert.Equal([first, second], found.Keys.Order());
        Assert.Equal("m-1", found[first].Message.MessageId);
        Assert.Equal(Language.German, found[second].Language);
        Assert.Empty(await log.FindManyAsync([], CancellationToken.None));
    }

    [StorageFact]
    public async Task OnlyAnswersAreKnownNotTheBotsOtherReplies()
    {
        var bot = Start();
        var help = new Reply { Question = "/help", Language = Language.English, Kind = ReplyKind.Help, Body = [TextRun.Plain("help")] };
        await bot.Get<IAnswerRecorder>().RecordAsync(new PostedMessage("discord", "channel-1", "m-2"), StateHarness.Reader("/help"), help, CancellationToken.None);

        Assert.False(await bot.Get<IRecordedAnswers>().ContainsAsync("discord", "m-2", CancellationToken.None));
    }
}
