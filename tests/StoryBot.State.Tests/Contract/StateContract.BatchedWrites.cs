using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

/// <summary>
/// Answer records and unanswered questions that share a commit are written together, in
/// multi-row statements. Each test holds the writer with a write that waits, queues its writes
/// behind it, and lets it go: the queued writes then share the next commit.
/// </summary>
public abstract partial class StateContract
{
    private static readonly string[][] Citing = [[], ["a-1"], ["a-1", "a-2"], ["b-1", "a-2", "a-1"]];

    [StorageFact]
    public async Task AnswersSharingACommitAllLandInOrderWithTheirCitations()
    {
        var bot = Start();
        var messages = Enumerable.Range(0, 150).Select(i => new PostedMessage("discord", "channel-1", $"m-{i}", "thread-1")).ToList();

        await WhileTheWriterIsHeldAsync(bot, () => messages.Select((m, i) => bot.PostAnswerAsync(m, Language.English, Citing[i % Citing.Length])).ToList());

        var database = bot.Get<IStateDatabase>();
        var recorded = await database.ReadAsync(
            session => session.QueryAsync("SELECT id, message_id FROM answers ORDER BY id", row => (Id: row.GetInt64(0), Message: row.GetString(1))),
            CancellationToken.None);
        Assert.Equal(messages.Select(m => m.MessageId), recorded.Select(r => r.Message));
        for (var i = 0; i < recorded.Count; i++)
        {
            var cited = await database.ReadAsync(session => AnswerLog.CitedExcerptsAsync(session, recorded[i].Id), CancellationToken.None);
            Assert.Equal(Citing[i % Citing.Length].Order(StringComparer.Ordinal), cited);
        }

        var found = await bot.Get<AnswerLog>().FindByMessageAsync("discord", "channel-1", "m-149", CancellationToken.None);
        Assert.Equal("question for m-149", found?.Question);
        Assert.Equal("thread-1", found?.Message.ThreadId);
    }

    [StorageFact]
    public async Task AnsweredAndUnansweredQuestionsSharingACommitAllLand()
    {
        var bot = Start();
        var unanswered = bot.Get<IUnansweredQuestions>();

        await WhileTheWriterIsHeldAsync(bot, () => Enumerable.Range(0, 60).Select(i => i % 3 == 0
            ? unanswered.RecordAsync(new UnansweredQuestion(i % 2 == 0 ? "who won the lawsuit?" : "how many people work at xAI?", Language.English, "discord", ChannelKind.Channel, Time.GetUtcNow()), CancellationToken.None)
            : bot.PostAnswerAsync($"m-{i}", Language.English, "a-1")).ToList());

        var database = bot.Get<IStateDatabase>();
        Assert.Equal(40, await CountAsync(database, "answers"));
        Assert.Equal(40, await CountAsync(database, "answer_citations"));
        var tallies = await unanswered.MostAskedAsync(10, CancellationToken.None);
        Assert.Equal(new[] { 10, 10 }, tallies.Select(t => t.Count));
    }

    [StorageFact]
    public async Task AMessageRecordedTwiceInOneCommitIsRecordedOnceByItsFirstWrite()
    {
        var bot = Start();
        var kind = bot.Get<IEnumerable<IStateWriteKind>>().Single(k => k.Kind == AnswerRecordWrite.Name);
        var message = new PostedMessage("discord", "channel-1", "m-1");
        var reply = TestPack.Answer("twice?", Language.English, "a-1", "a-2");
        var request = new ChatRequest("discord", "channel-1", "asker", "twice?");

        var applied = await WhileTheWriterIsHeldAsync(bot, () => Enumerable.Range(0, 3)
            .Select(_ => kind.ApplyAsync(AnswerRecordWrite.Of(message, request, reply, postedAt: 0, story: "story-1"), CancellationToken.None))
            .ToList());

        Assert.Equal(new[] { true, false, false }, applied);
        Assert.Equal(1, await CountAsync(bot.Get<IStateDatabase>(), "answers"));
        Assert.Equal(2, await CountAsync(bot.Get<IStateDatabase>(), "answer_citations"));
        Assert.False(await kind.ApplyAsync(AnswerRecordWrite.Of(message, request, reply, postedAt: 0, story: "story-1"), CancellationToken.None));
    }

    [StorageFact]
    public async Task AnswersSharingACommitThatCiteAWithdrawnExcerptAreQueuedForCorrectionEachOnce()
    {
        var bot = Start();
        await bot.Get<DisabledCitations>().DisableAsync(new Actor("discord", "mod-1"), CitationTarget.Excerpt("a-1"), "misquoted", CancellationToken.None);
        await bot.Get<DisabledCitations>().DisableAsync(new Actor("discord", "mod-1"), CitationTarget.Source("article"), "wrong outlet", CancellationToken.None);

        // a-1 and a-2 are both from the article: an answer citing a-1 needs two corrections, one citing only b-1 none.
        await WhileTheWriterIsHeldAsync(bot, () => Enumerable.Range(0, 12)
            .Select(i => bot.PostAnswerAsync($"m-{i}", Language.English, i % 2 == 0 ? ["a-1", "a-2"] : ["b-1"]))
            .ToList());

        var queued = await bot.Get<IStateDatabase>().ReadAsync(
            session => session.QueryAsync(
                "SELECT a.message_id, c.target_kind, c.target_id FROM corrections c JOIN answers a ON a.id = c.answer_id ORDER BY a.id, c.target_kind, c.target_id",
                row => $"{row.GetString(0)} {row.GetString(1)} {row.GetString(2)}"),
            CancellationToken.None);
        Assert.Equal(
            Enumerable.Range(0, 12).Where(i => i % 2 == 0).SelectMany(i => new[] { $"m-{i} excerpt a-1", $"m-{i} source article" }),
            queued);
    }

    [StorageFact]
    public async Task AnAnswerThatFailsAmongOthersSharingACommitFailsAloneAndTheOthersLand()
    {
        var bot = Start();
        var kind = bot.Get<IEnumerable<IStateWriteKind>>().Single(k => k.Kind == AnswerRecordWrite.Name);
        var request = new ChatRequest("discord", "channel-1", "asker", "q");

        // No user: the store refuses the row (NOT NULL), a failure of its own rather than of the store.
        var refused = AnswerRecordWrite.Of(new PostedMessage("discord", "channel-1", "m-bad"), request with { UserId = null! }, TestPack.Answer("q", Language.English, "a-1"), 0, "story-1");
        var writes = await WhileTheWriterIsHeldAsync(bot, () => Enumerable.Range(0, 9)
            .Select(i => i == 4
                ? kind.ApplyAsync(refused, CancellationToken.None)
                : kind.ApplyAsync(AnswerRecordWrite.Of(new PostedMessage("discord", "channel-1", $"m-{i}"), request, TestPack.Answer("q", Language.English, "a-1"), 0, "story-1"), CancellationToken.None))
            .Select(Settled)
            .ToList());

        Assert.IsNotType<StateUnavailableException>(writes[4]);
        Assert.NotNull(writes[4]);
        Assert.All(writes.Where((_, i) => i != 4), exception => Assert.Null(exception));
        var database = bot.Get<IStateDatabase>();
        Assert.Equal(8, await CountAsync(database, "answers"));
        Assert.Equal(8, await CountAsync(database, "answer_citations"));
    }

    /// <summary>
    /// Holds the writer with a write that waits, starts <paramref name="writes"/> (queued behind it,
    /// so they share the next commit), lets the writer go and waits for them.
    /// </summary>
    private static async Task<T[]> WhileTheWriterIsHeldAsync<T>(StateHarness bot, Func<List<Task<T>>> writes)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = bot.Get<IStateDatabase>().WriteAsync(
            async _ =>
            {
                writing.SetResult();
                await held.Task;
                return 0;
            },
            CancellationToken.None);
        await writing.Task;

        var started = writes();
        held.SetResult();
        await holder;
        return await Task.WhenAll(started);
    }

    private static Task<bool[]> WhileTheWriterIsHeldAsync(StateHarness bot, Func<List<Task>> writes) =>
        WhileTheWriterIsHeldAsync(bot, () => writes().Select(async write =>
        {
            await write;
            return true;
        }).ToList());

    private static async Task<Exception?> Settled(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
