using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Contract;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Moderation;

public sealed class RetentionPurgeServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    private SqliteBackend Backend { get; } = new();

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    [Fact]
    public async Task ExpiredAnswersArePurgedAtStartAndThenOnEveryInterval()
    {
        await using var bot = new StateHarness(Backend, _time, [], new Dictionary<string, string?>
        {
            ["Moderation:AnswerRetention"] = "2.00:00:00",
            ["Moderation:PurgeInterval"] = "01:00:00",
        });
        await bot.PostAnswerAsync("first", Language.English, "a-1");
        _time.Advance(TimeSpan.FromDays(3));
        await bot.PostAnswerAsync("second", Language.English, "a-1");
        var purge = bot.HostedServices.OfType<BackgroundService>().Single(s => s.GetType().Name == "RetentionPurgeService");

        await purge.StartAsync(CancellationToken.None);
        try
        {
            await UntilGoneAsync(bot, "first");
            Assert.NotNull(await Find(bot, "second"));

            _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
            await UntilGoneAsync(bot, "second");
        }
        finally
        {
            await purge.StopAsync(CancellationToken.None);
        }
    }

    private static Task<RecordedAnswer?> Find(StateHarness bot, string messageId) =>
        bot.Get<AnswerLog>().FindByMessageAsync("discord", "channel-1", messageId, CancellationToken.None);

    /// <summary>Waits for the background purge to reach the answer; fails after a generous timeout.</summary>
    private static async Task UntilGoneAsync(StateHarness bot, string messageId)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (await Find(bot, messageId) is not null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
