using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task UnansweredQuestionsSurviveARestartAndAreTalliedMostAskedFirst()
    {
        var first = Start();
        var log = first.Get<IUnansweredQuestions>();
        await log.RecordAsync(Unanswered("Who won the lawsuit?", Language.English), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        await log.RecordAsync(Unanswered("who won the lawsuit?", Language.English), CancellationToken.None);
        await log.RecordAsync(Unanswered("Wie viele Mitarbeiter hat xAI?", Language.German), CancellationToken.None);

        var tallies = await Start().Get<IUnansweredQuestions>().MostAskedAsync(10, CancellationToken.None);

        Assert.Equal(2, tallies.Count);
        Assert.Equal(2, tallies[0].Count);
        Assert.Equal("who won the lawsuit?", tallies[0].Question.ToLowerInvariant());
        Assert.Equal(Time.GetUtcNow(), tallies[0].LastAsked);
        Assert.Equal(Language.German, tallies[1].Language);
    }

    [StorageFact]
    public async Task ModeratorsListTheMostAskedUnansweredQuestionsAndReadersMayNot()
    {
        var bot = Start();
        await bot.Get<IUnansweredQuestions>().RecordAsync(Unanswered("<b>who won</b>", Language.English), CancellationToken.None);

        var listed = await bot.SendAsync(StateHarness.Moderator("/sources unanswered 5"));
        var refused = await bot.SendAsync(StateHarness.Reader("/sources unanswered"));

        Assert.Equal(ReplyKind.Moderation, listed.Kind);
        Assert.Contains(listed.Body, run => run.Style == RunStyle.UserText && run.Text == "<b>who won</b>");
        Assert.Contains("1×", listed.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Error, refused.Kind);
        Assert.DoesNotContain("who won", refused.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task UnansweredQuestionsAreForgottenWithTheAnswersAfterTheRetention()
    {
        var bot = Start();
        var log = bot.Get<UnansweredLog>();
        await log.RecordAsync(Unanswered("old question", Language.English), CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(2));
        await log.RecordAsync(Unanswered("new question", Language.English), CancellationToken.None);

        var purged = await log.PurgeOlderThanAsync(Time.GetUtcNow() - TimeSpan.FromDays(1), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal("new question", Assert.Single(await log.MostAskedAsync(10, CancellationToken.None)).Question);
    }

    private UnansweredQuestion Unanswered(string question, Language language) =>
        new(question, language, "discord", ChannelKind.Channel, Time.GetUtcNow());
}
