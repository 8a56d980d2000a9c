using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Platforms;
using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class ScheduledSummaryPosterTests
{
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly SummarySchedule Daily = SummarySlotsTests.Schedule(time: "09:00");

    private readonly FakeTimeProvider _time = new(Slot);
    private readonly FakeLogCollector _logs = new();
    private readonly Reply _reply = new StorySummaryComposer().Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

    private ScheduledSummaryPoster Poster(IEnumerable<IChannelPoster> posters, params IAnswerRecorder[] recorders) =>
        new(posters, recorders, new FakeLogger<SummaryScheduler>(_logs));

    [Fact]
    public async Task PostsToTheSchedulesChannelThroughItsPlatformWhateverTheCaseOfItsName()
    {
        var discord = new FakePoster("Discord", _time);
        var slack = new FakePoster("slack", _time);
        var poster = Poster([slack, discord]);

        var message = (await poster.PostOnceAsync(Daily, new SummarySlot(Daily.Name, Slot), _reply, CancellationToken.None)).Message!;

        Assert.Empty(slack.Calls);
        var post = Assert.Single(discord.Posts);
        Assert.Equal(("c1", _reply, "m1"), (post.ChannelId, post.Reply, message.MessageId));
        Assert.True(poster.CanPostTo("discord"));
        Assert.False(poster.CanPostTo("console"));
    }

    [Fact]
    public async Task TheIdempotencyKeyIsTheSameForEveryAttemptAtASlotAndDiffersBetweenSlots()
    {
        var discord = new FakePoster("discord", _time);
        var poster = Poster([discord]);

        await poster.PostOnceAsync(Daily, new SummarySlot(Daily.Name, Slot), _reply, CancellationToken.None);
        await poster.PostOnceAsync(Daily, new SummarySlot(Daily.Name, Slot), _reply, CancellationToken.None);
        await poster.PostOnceAsync(Daily, new SummarySlot(Daily.Name, Slot.AddDays(1)), _reply, CancellationToken.None);

        Assert.Equal(
            ["summary daily 2026-06-01T07:00:00.0000000+00:00", "summary daily 2026-06-01T07:00:00.0000000+00:00", "summary daily 2026-06-02T07:00:00.0000000+00:00"],
            discord.Keys);
    }

    [Fact]
    public async Task WithoutAPosterForThePlatformNothingIsPostedAndTheReasonNamesIt()
    {
        var poster = Poster([]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            poster.PostOnceAsync(Daily, new SummarySlot(Daily.Name, Slot), _reply, CancellationToken.None));

        Assert.Equal("no poster is registered for platform 'discord'", error.Message);
        Assert.Equal(error.Message, ScheduledSummaryPoster.NoPosterFor("discord"));
    }

    [Fact]
    public async Task TheSummaryIsRecordedAsTheAnswerToSummaryFromItsSchedule()
    {
        var recorder = new Mock<IAnswerRecorder>();
        var message = new PostedMessage("discord", "c1", "m7");

        await Poster([], recorder.Object).RecordAnswerAsync(Daily, new SummarySlot(Daily.Name, Slot), message, _reply, CancellationToken.None);

        recorder.Verify(r => r.RecordAsync(
            message,
            It.Is<ChatRequest>(request => request.Platform == "discord" && request.ChannelId == "c1" && request.UserId == "summary:daily" && request.Text == "/summary"),
            _reply,
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TheSummaryIsRecordedAsAnsweredFromTheStoryOfItsChannel()
    {
        var options = new StoriesOptions();
        options.Channels["c1"] = "harbour-story";
        var stories = new ChannelStories(Options.Create(options));
        string? recordedIn = "(not recorded)";
        var recorder = new Mock<IAnswerRecorder>();
        recorder.Setup(r => r.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<ChatRequest>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .Callback(() => recordedIn = StoryScope.Current)
            .Returns(Task.CompletedTask);
        var poster = new ScheduledSummaryPoster([], [recorder.Object], new FakeLogger<SummaryScheduler>(_logs), stories);

        await poster.RecordAnswerAsync(Daily, new SummarySlot(Daily.Name, Slot), new PostedMessage("discord", "c1", "m7"), _reply, CancellationToken.None);

        Assert.Equal("harbour-story", recordedIn);
        Assert.Null(StoryScope.Current);
    }

    [Fact]
    public async Task ARecorderThatFailsIsLoggedWithTheMessageNotThrown()
    {
        var recorder = new Mock<IAnswerRecorder>();
        recorder.Setup(r => r.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<ChatRequest>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("database is locked"));

        await Poster([], recorder.Object).RecordAnswerAsync(
            Daily, new SummarySlot(Daily.Name, Slot), new PostedMessage("discord", "c1", "m7"), _reply, CancellationToken.None);

        var warning = Assert.Single(_logs.GetSnapshot(), log => log.Level == LogLevel.Warning);
        Assert.Contains("(message m7), but could not record it with the answers (InvalidOperationException: database is locked)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStopWhileRecordingIsNotSwallowed()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        var recorder = new Mock<IAnswerRecorder>();
        recorder.Setup(r => r.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<ChatRequest>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OperationCanceledException(stopping.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Poster([], recorder.Object).RecordAnswerAsync(
            Daily, new SummarySlot(Daily.Name, Slot), new PostedMessage("discord", "c1", "m7"), _reply, stopping.Token));
        Assert.Empty(_logs.GetSnapshot());
    }
}
