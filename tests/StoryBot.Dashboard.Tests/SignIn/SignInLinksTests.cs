using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Dashboard.SignIn;

namespace StoryBot.Dashboard.Tests.SignIn;

public sealed class SignInLinksTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ALinkSignsInOnceAndNeverAgain()
    {
        var links = Links();
        var token = links.Issue();

        Assert.True(links.IsOpen(token));
        Assert.True(links.TryRedeem(token));
        Assert.False(links.IsOpen(token));
        Assert.False(links.TryRedeem(token));
    }

    [Fact]
    public void ALinkExpiresAfterItsLifetime()
    {
        var links = Links();
        var token = links.Issue();

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.False(links.IsOpen(token));
        Assert.False(links.TryRedeem(token));
    }

    [Fact]
    public void ATokenThatWasNeverIssuedOrOnlyResemblesOneIsRefused()
    {
        var links = Links();
        var token = links.Issue();

        Assert.False(links.TryRedeem(null));
        Assert.False(links.TryRedeem(string.Empty));
        Assert.False(links.TryRedeem(token[..^1]));
        Assert.True(links.TryRedeem(token));
    }

    private SignInLinks Links() => new(_time, Options.Create(new DashboardOptions { Enabled = true }));
}
