using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class SummarySlotsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    internal static SummarySchedule Schedule(string? time = null, string? cron = null, string zone = "Europe/Berlin")
    {
        var (schedules, errors) = SummarySchedule.ReadAll(
        [
            new SummaryScheduleOptions { Name = "daily", Platform = "discord", ChannelId = "c1", Time = time, Cron = cron, TimeZone = zone, Language = "en" },
        ]);
        Assert.Empty(errors);
        return schedules.Single();
    }

    private static List<DateTimeOffset> LocalSlots(SummarySchedule schedule, DateTimeOffset from, DateTimeOffset to) =>
        [.. SummarySlots.Between(schedule, from, to).Select(slot => TimeZoneInfo.ConvertTime(slot.Utc, Berlin))];

    public sealed class SpringForward
    {
        // 29 March 2026: clocks jump from 02:00 CET to 03:00 CEST; 02:30 does not exist that day.
        private static readonly DateTimeOffset From = new(2026, 3, 26, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset To = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

        [Fact]
        public void ASlotInTheSkippedHourStillFiresOnceThatDayAtTheJump()
        {
            var slots = LocalSlots(Schedule(time: "02:30"), From, To);

            Assert.Equal(Enumerable.Range(26, 6).Select(day => new DateOnly(2026, 3, day)), slots.Select(s => DateOnly.FromDateTime(s.DateTime)));
            var sunday = slots.Single(s => s.Day == 29);
            Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), sunday.ToUniversalTime());
            Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), slots.Single(s => s.Day == 30).ToUniversalTime());
        }

        [Fact]
        public void ThreeAndNineOclockFireOnceEachEveryDay()
        {
            var slots = LocalSlots(Schedule(cron: "0 3,9 * * *"), From, To);

            Assert.Equal(12, slots.Count);
            Assert.All(slots.GroupBy(s => s.Date), day => Assert.Equal([3, 9], day.Select(s => s.Hour)));
            Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), slots.Single(s => s.Day == 29 && s.Hour == 3).ToUniversalTime());
        }
    }

    public sealed class FallBack
    {
        // 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET; 02:30 happens twice.
        private static readonly DateTimeOffset From = new(2026, 10, 22, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset To = new(2026, 10, 28, 0, 0, 0, TimeSpan.Zero);

        [Fact]
        public void ASlotInTheRepeatedHourFiresOnceNotTwice()
        {
            var slots = LocalSlots(Schedule(time: "02:30"), From, To);

            Assert.Equal(Enumerable.Range(22, 6).Select(day => new DateOnly(2026, 10, day)), slots.Select(s => DateOnly.FromDateTime(s.DateTime)));
            Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), slots.Single(s => s.Day == 25).ToUniversalTime());
        }

        [Fact]
        public void TheNextSlotAfterTheFirst0230IsTheNextDayNotTheRepeat()
        {
            var schedule = Schedule(time: "02:30");

            var next = SummarySlots.Next(schedule, new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));

            Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), next?.Utc);
        }

        [Fact]
        public void ThreeAndNineOclockFireOnceEachEveryDay()
        {
            var slots = LocalSlots(Schedule(cron: "0 3,9 * * *"), From, To);

            Assert.Equal(12, slots.Count);
            Assert.All(slots.GroupBy(s => s.Date), day => Assert.Equal([3, 9], day.Select(s => s.Hour)));
        }
    }

    public sealed class Keys
    {
        [Fact]
        public void ASlotIsKeyedByScheduleAndUtcInstantInWholeSeconds()
        {
            var slot = SummarySlots.Next(Schedule(time: "09:00"), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))!.Value;

            Assert.Equal("daily", slot.Schedule);
            Assert.Equal(new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero), slot.Utc);
            Assert.Equal(slot.Utc.ToUnixTimeSeconds(), slot.UnixSeconds);
            Assert.Equal("2026-06-01 09:00 +02:00 Europe/Berlin", SummarySlots.Local(Schedule(time: "09:00"), slot));
        }
    }
}
