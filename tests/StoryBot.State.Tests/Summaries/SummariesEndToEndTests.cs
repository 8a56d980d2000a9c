using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.State.Summaries;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Summaries;

/// <summary>
/// The summaries wired the way the host wires them (AddStoryCore, AddStoryState, AddSummaries)
/// around the real pack: a moderator's disable reaches the next scheduled summary, and /summary
/// says what the schedule posted.
/// </summary>
public sealed class SummariesEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public Task ADisabledExcerptIsMissingFromTheNextScheduledSummaryAndSummaryOnDemandMatchesIt() =>
        RunAsync(DisableThenPostAsync);

    [Fact]
    public Task APostedSummaryCanBeReportedAndIsCorrectedInPlaceWhenAQuoteItCitesIsWithdrawn() =>
        RunAsync(async (host, sleeps, time, poster) =>
        {
            await sleeps.WaitSleepingAsync();
            time.Advance(sleeps.NextWake - time.GetUtcNow());
            await sleeps.WaitSleepingAsync();
            var post = Assert.Single(poster.Posts);
            var bot = host.Services.GetRequiredService<IChatBot>();

            var report = await bot.RespondAsync(
                new ChatRequest("discord", "chan-1", "reader", "/report the money line is off") { ReferencedMessageId = post.MessageId }, CancellationToken.None);
            var excerpt = post.Reply.Citations[0].Id;
            var disabled = await bot.RespondAsync(
                new ChatRequest("console", "console", "operator", $"/sources disable {excerpt} misquoted") { IsModerator = true }, CancellationToken.None);
            var edit = await NextEditAsync(poster);

            Assert.Equal(ReplyKind.Notice, report.Kind);
            Assert.Contains("report #1 about the answer to /summary", report.Text, StringComparison.Ordinal);
            Assert.Contains("1 posted answer(s) that cited it will be corrected", disabled.Text, StringComparison.Ordinal);
            Assert.Equal(post.MessageId, edit.Message.MessageId);
            Assert.Contains(edit.Reply.Citations, citation => citation.Id == excerpt && citation.Withdrawn);
        });

    /// <summary>Starts the host on a fake clock before the day's slot, runs <paramref name="body"/>, and stops it.</summary>
    private static async Task RunAsync(Func<IHost, SchedulerHarness.Instance, FakeTimeProvider, FakePoster, Task> body)
    {
        await using var storage = new SqliteBackend();
        var time = new FakeTimeProvider(Start);
        var poster = new FakePoster("discord", time);
        using var host = Build(storage, time, poster);
        var sleeps = new SchedulerHarness.Instance(host.Services.GetServices<IHostedService>().OfType<SummaryScheduler>().Single());
        await host.StartAsync();
        try
        {
            await body(host, sleeps, time, poster);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost Build(SqliteBackend storage, FakeTimeProvider time, FakePoster poster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["Summaries:Schedules:0:Name"] = "berlin-morning",
            ["Summaries:Schedules:0:Platform"] = "discord",
            ["Summaries:Schedules:0:ChannelId"] = "chan-1",
            ["Summaries:Schedules:0:Time"] = "09:00",
            ["Summaries:Schedules:0:TimeZone"] = "Europe/Berlin",
            ["Summaries:Schedules:0:Language"] = "en",
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IKnowledgeProvider>(new FixedKnowledge(
            KnowledgePackLoader.Load(StoryBot.Testing.RepositoryFiles.Story)));
        builder.Services.AddSingleton<IChannelPoster>(poster);
        builder.Services.AddStoryCore(builder.Configuration);
        builder.Services.AddStoryState(builder.Configuration);
        builder.Services.AddSummaries(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The background correction worker runs on a nudge; wait for it in real time.</summary>
    private static async Task<(PostedMessage Message, Reply Reply)> NextEditAsync(FakePoster poster)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (poster.Edits.Count == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, patience.Token);
        }

        return Assert.Single(poster.Edits);
    }

    private static async Task DisableThenPostAsync(IHost host, SchedulerHarness.Instance sleeps, FakeTimeProvider time, FakePoster poster)
    {
        await sleeps.WaitSleepingAsync();

        var bot = host.Services.GetRequiredService<IChatBot>();
        var moderator = new ChatRequest("console", "console", "operator", "/sources disable musk-softbank-under-10bn the figure is disputed") { IsModerator = true };
        var disabled = await bot.RespondAsync(moderator, CancellationToken.None);
        Assert.Equal(ReplyKind.Moderation, disabled.Kind);

        time.Advance(sleeps.NextWake - time.GetUtcNow());
        await sleeps.WaitSleepingAsync();

        var post = Assert.Single(poster.Posts);
        Assert.Equal(Slot, post.At);
        Assert.Equal(ReplyKind.Answer, post.Reply.Kind);
        Assert.NotEmpty(post.Reply.Citations);
        Assert.DoesNotContain(post.Reply.Citations, c => c.Id == "musk-softbank-under-10bn");

        var onDemand = await bot.RespondAsync(new ChatRequest("discord", "chan-2", "reader", "/summary"), CancellationToken.None);
        Assert.Equal(post.Reply.Text, onDemand.Text);
        Assert.Equal(post.Reply.Citations, onDemand.Citations);
    }

    private sealed class FixedKnowledge(KnowledgePack pack) : IKnowledgeProvider
    {
        public KnowledgePack Current => pack;
    }
}
