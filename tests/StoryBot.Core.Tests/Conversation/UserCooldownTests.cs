using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Conversation;

public sealed class UserCooldownTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly UserCooldown _cooldown;

    public UserCooldownTests()
    {
        _cooldown = new UserCooldown(Options.Create(new CooldownOptions { MaxQuestions = 2, Window = TimeSpan.FromSeconds(30) }), _time);
    }

    [Fact]
    public void AllowsUpToTheLimitThenNotifiesOnceThenStaysSilent()
    {
        Assert.Equal(CooldownVerdict.Allowed, _cooldown.Check("discord", "u1"));
        Assert.Equal(CooldownVerdict.Allowed, _cooldown.Check("discord", "u1"));
        Assert.Equal(CooldownVerdict.RefusedWithNotice, _cooldown.Check("discord", "u1"));
        Assert.Equal(CooldownVerdict.RefusedSilently, _cooldown.Check("discord", "u1"));
    }

    [Fact]
    public void OtherUsersAndPlatformsAreNotAffected()
    {
        _cooldown.Check("discord", "u1");
        _cooldown.Check("discord", "u1");

        Assert.Equal(CooldownVerdict.Allowed, _cooldown.Check("discord", "u2"));
        Assert.Equal(CooldownVerdict.Allowed, _cooldown.Check("slack", "u1"));
    }

    [Fact]
    public void TheWindowSlides()
    {
        _cooldown.Check("discord", "u1");
        _time.Advance(TimeSpan.FromSeconds(20));
        _cooldown.Check("discord", "u1");
        Assert.Equal(CooldownVerdict.RefusedWithNotice, _cooldown.Check("discord", "u1"));

        _time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(CooldownVerdict.Allowed, _cooldown.Check("discord", "u1"));
    }

    [Fact]
    public void UsersWhoseWindowHasEmptiedAreForgottenSoManyUsersCannotGrowTheLimitWithoutBound()
    {
        for (var i = 0; i < 1000; i++)
        {
            _cooldown.Check("discord", "u" + i);
        }

        Assert.Equal(1000, _cooldown.Remembered);
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(0, _cooldown.Remembered);
        Assert.Equal(CooldownVerdict.Allowed, _cooldown.Check("discord", "u1"));
    }

    [Fact]
    public void AUserStillOverTheLimitIsNotForgotten()
    {
        _cooldown.Check("discord", "u1");
        _time.Advance(TimeSpan.FromSeconds(20));
        _cooldown.Check("discord", "u1");
        _time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(1, _cooldown.Remembered);
        Assert.Equal(CooldownVerdict.Allowed, _cooldown.Check("discord", "u1"));
        Assert.Equal(CooldownVerdict.RefusedWithNotice, _cooldown.Check("discord", "u1"));
    }

    public void Dispose() => _cooldown.Dispose();
}
