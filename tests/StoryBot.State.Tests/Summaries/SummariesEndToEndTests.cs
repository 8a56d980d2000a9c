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
    public async Task A_disabled_excerpt_is_missing_from_the_next_scheduled_summary_and_summary_on_demand_matches_it()
    {
        await using var storage = new SqliteBackend();
        var time = new FakeTimeProvider(Start);
        var poster = new FakePoster("discord", time);
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
            KnowledgePackLoader.Load(Path.Combine(SummaryTestPack.RepositoryRoot(), "knowledge"))));
        builder.Services.AddSingleton<IChannelPoster>(poster);
        builder.Services.AddStoryCore(builder.Configuration);
        builder.Services.AddStoryState(builder.Configuration);
        builder.Services.AddSummaries(builder.Configuration);
        using var host = builder.Build();

        var scheduler = host.Services.GetServices<IHostedService>().OfType<SummaryScheduler>().Single();
        var sleeps = new SchedulerHarness.Instance(scheduler);
        await host.StartAsync();
        try
        {
            await DisableThenPostAsync(host, sleeps, time, poster);
        }
        finally
        {
            await host.StopAsync();
        }
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
