using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task AnAnswerIsReadBackWithTheStoryItWasAnsweredFromOrTheDefaultStoryOutsideAScope()
    {
        var bot = Start(Discord.Object);
        using (StoryScope.Enter("harbour-story"))
        {
            await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        }

        await bot.PostAnswerAsync("m-2", Language.English, "a-1");
        var log = Start().Get<AnswerLog>();
        var scoped = (await log.FindByMessageAsync("discord", "channel-1", "m-1", CancellationToken.None))!;
        var unscoped = (await log.FindByMessageAsync("discord", "channel-1", "m-2", CancellationToken.None))!;

        Assert.Equal("harbour-story", scoped.Story);
        Assert.Equal(TestPack.Create().Story.Id, unscoped.Story);
        Assert.Equal("harbour-story", (await log.FindManyAsync([scoped.Id], CancellationToken.None))[scoped.Id].Story);
    }

    [StorageFact]
    public async Task MigratingADatabaseOfTheReleaseBeforeKeepsItsAnswersAndReadsThemAsTheDefaultStorys()
    {
        var before = Backend.OpenWith([new MigrationsBefore(113)]);
        await before.WriteAsync(
            session => session.ExecuteAsync(
                $"""
                INSERT INTO answers (platform, channel_id, message_id, thread_id, user_id, question, language, reply, posted_at)
                VALUES ('discord', 'channel-1', 'm-old', NULL, 'asker', 'who?', 'en', @reply, 1)
                """,
                ("reply", ReplyJson.Serialize(TestPack.Answer("who?", Language.English, "a-1")))),
            CancellationToken.None);

        var bot = Start(Discord.Object);
        await bot.Get<IStateDatabase>().MigrateAsync(CancellationToken.None);
        using (StoryScope.Enter("harbour-story"))
        {
            await bot.PostAnswerAsync("m-new", Language.English, "a-1");
        }

        var log = bot.Get<AnswerLog>();
        var old = (await log.FindByMessageAsync("discord", "channel-1", "m-old", CancellationToken.None))!;
        Assert.Equal(("who?", TestPack.Create().Story.Id), (old.Question, old.Story));
        Assert.Equal("harbour-story", (await log.FindByMessageAsync("discord", "channel-1", "m-new", CancellationToken.None))!.Story);
    }

    [StorageFact]
    public async Task ReportsArePagedByTheStoryOfTheirAnswerAndOldAnswersCountAsTheDefaultStorys()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-default", Language.English, "a-1");
        using (StoryScope.Enter("harbour-story"))
        {
            await bot.PostAnswerAsync("m-harbour", Language.English, "a-1");
        }

        await bot.PostAnswerAsync("m-old", Language.English, "a-1");
        await bot.Get<IStateDatabase>().WriteAsync(
            session => session.ExecuteAsync("UPDATE answers SET story_id = NULL WHERE message_id = 'm-old'"), CancellationToken.None);
        foreach (var message in new[] { "m-default", "m-harbour", "m-old" })
        {
            await bot.SendAsync(StateHarness.Reader($"/report {message}", referenced: message));
        }

        var reports = bot.Get<ReaderReports>();
        var all = await reports.PageAsync(ReportStatus.Open, 0, 10, CancellationToken.None);
        var harbour = await reports.PageAsync(ReportStatus.Open, 0, 10, CancellationToken.None, story: "harbour-story");
        var byDefault = await reports.PageAsync(ReportStatus.Open, 0, 10, CancellationToken.None, story: TestPack.Create().Story.Id);
        var none = await reports.PageAsync(ReportStatus.Open, 0, 10, CancellationToken.None, story: "no-such-story");

        Assert.Equal(["m-default", "m-harbour", "m-old"], all.Select(r => r.Reason));
        Assert.Equal(["m-harbour"], harbour.Select(r => r.Reason));
        Assert.Equal(["m-default", "m-old"], byDefault.Select(r => r.Reason));
        Assert.Empty(none);
    }
}
