using StoryBot.State.Work;

namespace StoryBot.State.Tests.Work;

public sealed class RecentlyAcceptedTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AKeyAcceptedIsKnownAndAnotherIsNot()
    {
        var recent = new RecentlyAccepted();

        recent.Add("slack:event-1", Start);

        Assert.True(recent.Contains("slack:event-1"));
        Assert.False(recent.Contains("slack:event-2"));
    }

    [Fact]
    public void AKeyIsForgottenOnceLaterAcceptancesArePastItsWindow()
    {
        var recent = new RecentlyAccepted();
        recent.Add("slack:old", Start);

        recent.Add("slack:within", Start + RecentlyAccepted.Window);
        Assert.True(recent.Contains("slack:old"));

        recent.Add("slack:past", Start + RecentlyAccepted.Window + TimeSpan.FromSeconds(1));
        Assert.False(recent.Contains("slack:old"));
        Assert.True(recent.Contains("slack:within"));
    }

    [Fact]
    public void ABurstOfNewKeysKeepsOnlyTheLatestMaxKeys()
    {
        var recent = new RecentlyAccepted();

        for (var i = 0; i <= RecentlyAccepted.MaxKeys; i++)
        {
            recent.Add($"discord:{i}", Start);
        }

        Assert.Equal(RecentlyAccepted.MaxKeys, recent.Count);
        Assert.False(recent.Contains("discord:0"));
        Assert.True(recent.Contains($"discord:{RecentlyAccepted.MaxKeys}"));
    }
}
