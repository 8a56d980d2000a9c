using Microsoft.Extensions.Time.Testing;
using StoryBot.Slack.Handling;

namespace StoryBot.Slack.Tests.Handling;

public sealed class ExpiringLookupsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private int _lookups;

    private Func<Task<string>> LookUp(string value) => () =>
    {
        _lookups++;
        return Task.FromResult(value);
    };

    [Fact]
    public async Task ALookupIsSharedUntilItExpiresAndThenRunAgain()
    {
        var kept = new ExpiringLookups<string>(10, _time);

        Assert.Equal("de", await kept.GetOrStart("U1", TimeSpan.FromHours(1), LookUp("de")));
        Assert.Equal("de", await kept.GetOrStart("U1", TimeSpan.FromHours(1), LookUp("en")));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("en", await kept.GetOrStart("U1", TimeSpan.FromHours(1), LookUp("en")));

        Assert.Equal(2, _lookups);
    }

    [Fact]
    public async Task ItNeverKeepsMoreThanItsCapacity()
    {
        var kept = new ExpiringLookups<string>(10, _time);

        for (var user = 0; user < 25; user++)
        {
            await kept.GetOrStart("U" + user, TimeSpan.FromHours(1), LookUp("en"));
        }

        Assert.InRange(kept.Count, 1, 10);
    }

    [Fact]
    public async Task WhenFullTheExpiredGoFirst()
    {
        var kept = new ExpiringLookups<string>(3, _time);
        await kept.GetOrStart("short", TimeSpan.FromMinutes(1), LookUp("en"));
        await kept.GetOrStart("long-1", TimeSpan.FromHours(1), LookUp("en"));
        await kept.GetOrStart("long-2", TimeSpan.FromHours(1), LookUp("en"));
        _time.Advance(TimeSpan.FromMinutes(2));

        await kept.GetOrStart("new", TimeSpan.FromHours(1), LookUp("en"));
        await kept.GetOrStart("long-1", TimeSpan.FromHours(1), LookUp("de"));
        await kept.GetOrStart("long-2", TimeSpan.FromHours(1), LookUp("de"));

        Assert.Equal(3, kept.Count);
        Assert.Equal(4, _lookups);
    }

    [Fact]
    public async Task AReplacedValueIsKeptForItsOwnLifetime()
    {
        var kept = new ExpiringLookups<string>(10, _time);
        await kept.GetOrStart("U1", TimeSpan.FromHours(1), LookUp("de"));

        kept.Replace("U1", "unknown", TimeSpan.FromMinutes(1));

        Assert.Equal("unknown", await kept.GetOrStart("U1", TimeSpan.FromHours(1), LookUp("de")));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("de", await kept.GetOrStart("U1", TimeSpan.FromHours(1), LookUp("de")));
    }
}
