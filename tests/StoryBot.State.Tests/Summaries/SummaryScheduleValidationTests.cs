using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class SummaryScheduleValidationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Summaries:Schedules:0:Name"] = "berlin-morning",
        ["Summaries:Schedules:0:Platform"] = "discord",
        ["Summaries:Schedules:0:ChannelId"] = "123",
        ["Summaries:Schedules:0:Time"] = "09:00",
        ["Summaries:Schedules:0:TimeZone"] = "Europe/Berlin",
        ["Summaries:Schedules:0:Language"] = "de",
    };

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(Valid);
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return values;
    }

    private static OptionsValidationException ValidationFailure(Dictionary<string, string?> values)
    {
        var configuration = Config(values);
        var services = new ServiceCollection().AddSingleton(configuration).AddSummaries(configuration);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    public sealed class Entries
    {
        [Fact]
        public void AValidSchedulePasses()
        {
            var configuration = Config(Valid);
            using var provider = new ServiceCollection().AddSingleton(configuration).AddSummaries(configuration).BuildServiceProvider();

            provider.GetRequiredService<IStartupValidator>().Validate();

            var options = provider.GetRequiredService<IOptions<SummariesOptions>>().Value;
            Assert.Equal(TimeSpan.FromHours(6), options.CatchUpWindow);
            var schedule = Assert.Single(SummarySchedule.ReadAll(options.Schedules).Schedules);
            Assert.Equal(("berlin-morning", "discord", "123", Language.German), (schedule.Name, schedule.Platform, schedule.ChannelId, schedule.Language));
        }

        [Fact]
        public void AnUnknownTimeZoneNamesTheEntryAndTheKey()
        {
            var values = With(
                ("Summaries:Schedules:1:Name", "second"), ("Summaries:Schedules:1:Platform", "slack"),
                ("Summaries:Schedules:1:ChannelId", "C1"), ("Summaries:Schedules:1:Cron", "0 9 * * 1-5"),
                ("Summaries:Schedules:1:TimeZone", "UTC"), ("Summaries:Schedules:1:Language", "en"),
                ("Summaries:Schedules:2:Name", "third"), ("Summaries:Schedules:2:Platform", "console"),
                ("Summaries:Schedules:2:ChannelId", "console"), ("Summaries:Schedules:2:Time", "18:30"),
                ("Summaries:Schedules:2:TimeZone", "Europe/Berln"), ("Summaries:Schedules:2:Language", "en"));

            var failure = ValidationFailure(values);

            Assert.Equal(["Summaries:Schedules:2:TimeZone 'Europe/Berln' is not a known IANA time zone"], failure.Failures);
        }

        [Theory]
        [InlineData("Summaries:Schedules:0:Platform", "teams", "Summaries:Schedules:0:Platform 'teams' is not one of discord, slack, console")]
        [InlineData("Summaries:Schedules:0:Language", "fr", "Summaries:Schedules:0:Language 'fr' is not one of en, de")]
        [InlineData("Summaries:Schedules:0:Time", "9am", "Summaries:Schedules:0:Time '9am' is not a time of day in HH:mm form (for example 09:00)")]
        [InlineData("Summaries:Schedules:0:ChannelId", "", "Summaries:Schedules:0:ChannelId is required")]
        [InlineData("Summaries:Schedules:0:Name", "two words", "Summaries:Schedules:0:Name 'two words' may only hold letters, digits, '.', '_' and '-' (at most 64)")]
        [InlineData("Summaries:CatchUpWindow", "00:00:00", "Summaries:CatchUpWindow '00:00:00' must be more than zero and at most one day")]
        public void EachProblemNamesItsKey(string key, string value, string message)
        {
            var failure = ValidationFailure(With((key, value)));

            Assert.Contains(message, failure.Failures);
        }

        [Fact]
        public void CronAndTimeTogetherAreRefused()
        {
            var failure = ValidationFailure(With(("Summaries:Schedules:0:Cron", "0 9 * * *")));

            Assert.Contains("Summaries:Schedules:0: set exactly one of Cron or Time (found both)", failure.Failures);
        }

        [Fact]
        public void ASixFieldCronIsRefused()
        {
            var failure = ValidationFailure(With(("Summaries:Schedules:0:Time", null), ("Summaries:Schedules:0:Cron", "0 0 9 * * *")));

            Assert.Contains("Summaries:Schedules:0:Cron '0 0 9 * * *' is not a valid 5-field cron expression (minute hour day-of-month month day-of-week)", failure.Failures);
        }

        [Fact]
        public void TwoSchedulesWithOneNameAreRefused()
        {
            var values = With(
                ("Summaries:Schedules:1:Name", "Berlin-Morning"), ("Summaries:Schedules:1:Platform", "slack"),
                ("Summaries:Schedules:1:ChannelId", "C1"), ("Summaries:Schedules:1:Time", "10:00"),
                ("Summaries:Schedules:1:TimeZone", "Europe/Berlin"), ("Summaries:Schedules:1:Language", "en"));

            var failure = ValidationFailure(values);

            Assert.Contains("Summaries:Schedules:1:Name 'Berlin-Morning' is already used by Summaries:Schedules:0; names must be unique", failure.Failures);
        }
    }

    public sealed class Host
    {
        [Fact]
        public async Task AnInvalidEntryStopsTheHostWithItsMessage()
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(With(("Summaries:Schedules:0:TimeZone", "Europe/Berln")));
            builder.Services.AddStoryState(builder.Configuration);
            builder.Services.AddSingleton(Mock.Of<IKnowledgeProvider>());
            builder.Services.AddSingleton(Mock.Of<ICitationPolicy>());
            builder.Services.AddSummaries(builder.Configuration);
            using var host = builder.Build();

            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

            Assert.Contains("Summaries:Schedules:0:TimeZone 'Europe/Berln' is not a known IANA time zone", failure.Message, StringComparison.Ordinal);
        }
    }
}
