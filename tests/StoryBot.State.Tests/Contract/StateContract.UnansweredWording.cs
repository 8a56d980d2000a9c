using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task UnansweredQuestionsOfSimilarWordingInEitherLanguageAreOneGroupWithItsMark()
    {
        var log = Start().Get<UnansweredLog>();
        await log.RecordAsync(Unanswered("Who is Sam Altman's boss?", Language.English), CancellationToken.None);
        await log.RecordAsync(Unanswered("who's sam altman's boss??", Language.English), CancellationToken.None);
        await log.RecordAsync(Unanswered("Where is Sam Altman's boss?", Language.English), CancellationToken.None);
        await log.MarkForPackAsync(new Actor("web", "operator"), "WHO IS SAM ALTMAN'S BOSS", forPack: true, CancellationToken.None);

        var groups = await log.GroupsAsync(0, 10, CancellationToken.None);

        Assert.Equal([2, 1], groups.Select(g => g.Count));
        Assert.True(groups[0].ForPack);
        Assert.False(groups[1].ForPack);
        Assert.StartsWith("Where", groups[1].Question, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task QuestionsAndMarksRecordedBeforeSimilarWordingAreGroupedAnewAtStartOnceAndMarksMerge()
    {
        var harness = Start();
        var database = harness.Get<IStateDatabase>();
        await database.WriteAsync(
            async session =>
            {
                // As the previous version wrote them: keyed by the lower-cased wording.
                foreach (var question in new[] { "Who won the lawsuit?", "WHO WON THE LAWSUIT", "who won the lawsuit??" })
                {
                    await session.ExecuteAsync(
                        "INSERT INTO unanswered_questions (question, question_key, language, platform, channel_kind, asked_at, key_version) VALUES (@q, @k, 'en', 'discord', 'channel', 1, 1)",
                        ("q", question),
                        ("k", question.ToLowerInvariant()));
                }

                await session.ExecuteAsync("INSERT INTO unanswered_marks (question_key, platform, marked_by, marked_at, key_version) VALUES ('who won the lawsuit?', 'web', 'a', 1, 1)");
                await session.ExecuteAsync("INSERT INTO unanswered_marks (question_key, platform, marked_by, marked_at, key_version) VALUES ('who won the lawsuit', 'web', 'b', 2, 1)");
                return 0;
            },
            CancellationToken.None);
        var log = harness.Get<UnansweredLog>();
        Assert.Equal(3, (await log.GroupsAsync(0, 10, CancellationToken.None)).Count);

        var rekeying = harness.HostedServices.OfType<UnansweredRekeying>().Single();
        var questions = await UnansweredRekeying.RekeyAsync(rekeying.RekeyQuestionsAsync, CancellationToken.None);
        var marks = await UnansweredRekeying.RekeyAsync(rekeying.RekeyMarksAsync, CancellationToken.None);
        var again = await UnansweredRekeying.RekeyAsync(rekeying.RekeyQuestionsAsync, CancellationToken.None) + await UnansweredRekeying.RekeyAsync(rekeying.RekeyMarksAsync, CancellationToken.None);

        var group = Assert.Single(await log.GroupsAsync(0, 10, CancellationToken.None));
        Assert.Equal((3, 2, 0), (questions, marks, again));
        Assert.Equal(3, group.Count);
        Assert.True(group.ForPack);
        Assert.Equal(1L, await CountAsync(database, "unanswered_marks"));
    }
}
