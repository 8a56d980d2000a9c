using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Handling;

namespace StoryBot.Slack.Tests.Handling;

public class SlackHomeViewersTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private SlackHomeViewers Viewers() => new(Options.Create(new SlackOptions { HomeViewerLifetime = TimeSpan.FromHours(1) }), _time);

    [Fact]
    public void AViewerIsForgottenOnceTheLifetimeHasPassed()
    {
        var viewers = Viewers();
        viewers.Opened("U1", "D1");
        _time.Advance(TimeSpan.FromMinutes(30));
        viewers.Opened("U2", "D2");

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(["U2"], viewers.Recent().Select(viewer => viewer.UserId));
    }

    [Fact]
    public void OpeningAgainKeepsOneEntryWithTheLatestTime()
    {
        var viewers = Viewers();
        viewers.Opened("U1", "D1");
        _time.Advance(TimeSpan.FromMinutes(50));
        viewers.Opened("U1", "D1");

        _time.Advance(TimeSpan.FromMinutes(50));

        Assert.Equal("U1", Assert.Single(viewers.Recent()).UserId);
    }

    [Fact]
    public void WhenFullTheViewerWhoOpenedLongestAgoMakesRoom()
    {
        var viewers = Viewers();
        for (var i = 0; i <= SlackHomeViewers.Capacity; i++)
        {
            viewers.Opened($"U{i}", $"D{i}");
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var recent = viewers.Recent();

        Assert.Equal(SlackHomeViewers.Capacity, recent.Count);
        Assert.DoesNotContain(recent, viewer => viewer.UserId == "U0");
        Assert.Equal($"U{SlackHomeViewers.Capacity}", recent[0].UserId);
    }
}
