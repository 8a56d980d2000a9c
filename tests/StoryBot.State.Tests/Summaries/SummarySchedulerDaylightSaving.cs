using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Summaries;

/// <summary>
/// A running scheduler across both daylight-saving changes in Europe/Berlin: every local day
/// gets its summary exactly once, whether the slot falls into the skipped or the repeated hour.
/// </summary>
public abstract class SummarySchedulerDaylightSaving(StorageBackend backend) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private SchedulerHarness? _harness;

    public Task InitializeAsync() => backend.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.StopAllAsync();
        }

        await backend.DisposeAsync();
    }

    private SchedulerHarness Start(DateTimeOffset at) =>
        _harness = new SchedulerHarness(backend, at)
            .Schedule("night", "chan-night", time: "02:30")
            .Schedule("three-nine", "chan-3-9", cron: "0 3,9 * * *")
            .Schedule("nine", "chan-9", time: "09:00");

    private List<(DateOnly Day, int Hour, int Minute)> LocalPosts(string channel, DateTimeOffset after) =>
        [.. _harness!.Discord.Posts
            .Where(post => post.ChannelId == channel && post.At > after)
            .Select(post => TimeZoneInfo.ConvertTime(post.At, Berlin))
            .Select(local => (DateOnly.FromDateTime(local.DateTime), local.Hour, local.Minute))];

    private static IEnumerable<DateOnly> Days(int year, int month, int first, int count) =>
        Enumerable.Range(first, count).Select(day => new DateOnly(year, month, day));

    [Fact]
    public async Task TheLastWeekendOfMarchNeitherSkipsNorDoublesADay()
    {
        // Thursday 26 March to Tuesday 31 March 2026; clocks jump 02:00 -> 03:00 on Sunday the 29th.
        var start = new DateTimeOffset(2026, 3, 26, 0, 0, 0, TimeSpan.Zero);
        var harness = Start(start);
        await harness.StartAsync();

        await harness.RunUntilAsync(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero));

        var night = LocalPosts("chan-night", start);
        Assert.Equal(Days(2026, 3, 26, 6), night.Select(p => p.Day));
        // 02:30 does not exist on the 29th: that day's summary goes out when the clocks jump, at 03:00.
        Assert.Equal((3, 0), night.Where(p => p.Day.Day == 29).Select(p => (p.Hour, p.Minute)).Single());
        Assert.All(night.Where(p => p.Day.Day != 29), p => Assert.Equal((2, 30), (p.Hour, p.Minute)));

        var threeNine = LocalPosts("chan-3-9", start);
        Assert.Equal(Days(2026, 3, 26, 6).SelectMany(day => new[] { (day, 3), (day, 9) }), threeNine.Select(p => (p.Day, p.Hour)));
        Assert.Equal(Days(2026, 3, 26, 6), LocalPosts("chan-9", start).Select(p => p.Day));
    }

    [Fact]
    public async Task TheLastWeekendOfOctoberNeitherSkipsNorDoublesADay()
    {
        // Thursday 22 October to Tuesday 27 October 2026; clocks go back 03:00 -> 02:00 on Sunday the 25th.
        var start = new DateTimeOffset(2026, 10, 22, 0, 0, 0, TimeSpan.Zero);
        var harness = Start(start);
        await harness.StartAsync();

        await harness.RunUntilAsync(new DateTimeOffset(2026, 10, 27, 22, 0, 0, TimeSpan.Zero));

        var night = LocalPosts("chan-night", start);
        Assert.Equal(Days(2026, 10, 22, 6), night.Select(p => p.Day));
        Assert.All(night, p => Assert.Equal((2, 30), (p.Hour, p.Minute)));
        Assert.Equal(
            new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero),
            harness.Discord.Posts.Single(p => p.ChannelId == "chan-night" && p.At.Day == 25).At);

        var threeNine = LocalPosts("chan-3-9", start);
        Assert.Equal(Days(2026, 10, 22, 6).SelectMany(day => new[] { (day, 3), (day, 9) }), threeNine.Select(p => (p.Day, p.Hour)));
        Assert.Equal(Days(2026, 10, 22, 6), LocalPosts("chan-9", start).Select(p => p.Day));
    }

    [Fact]
    public async Task ARestartDuringTheRepeatedHourDoesNotPost0230Again()
    {
        // 02:30 CEST (00:30 UTC) posts; the instance restarts at 02:30 CET (01:30 UTC), the second 02:30.
        var start = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero);
        var harness = Start(start);
        var first = await harness.StartAsync();
        await harness.RunUntilAsync(new DateTimeOffset(2026, 10, 25, 0, 45, 0, TimeSpan.Zero));
        await harness.StopAsync(first);
        harness.JumpTo(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero));

        await harness.StartAsync();
        await harness.RunUntilAsync(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero));

        Assert.Equal([new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero)], harness.Discord.Posts.Where(p => p.ChannelId == "chan-night").Select(p => p.At));
    }
}

/// <summary>Daylight saving is about the clock, not the database: one provider is enough.</summary>
public sealed class SqliteSummarySchedulerDaylightSaving() : SummarySchedulerDaylightSaving(new SqliteBackend());
