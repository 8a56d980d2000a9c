using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>What the provider tells readiness about the pack in service.</summary>
public sealed class KnowledgePackStatusTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly KnowledgePackStatus _status = new();

    [Fact]
    public void NamesNoPackUntilOneIsLoadedThenThePackInService()
    {
        using var fixture = new FixturePack();
        var before = _status.Current;

        using var provider = Provider(fixture);

        Assert.Null(before);
        Assert.Equal(new KnowledgePackInService(provider.Current.Story.Id, provider.Current.Version, 5, RefusedEditAt: null), _status.Current);
    }

    [Fact]
    public void AnEditThatDoesNotLoadIsMarkedUntilTheFolderLoadsAgainAsItWas()
    {
        using var fixture = new FixturePack();
        using var provider = Provider(fixture);
        var version = provider.Current.Version;

        fixture.Edit("summary.yaml", "no-money", "no-mony");
        provider.Reload();
        var refused = _status.Current;
        _clock.Advance(TimeSpan.FromMinutes(1));
        fixture.Edit("summary.yaml", "no-mony", "no-money");
        provider.Reload();

        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromMinutes(1), refused!.RefusedEditAt);
        Assert.Equal(version, refused.Version);
        Assert.Null(_status.Current!.RefusedEditAt);
        Assert.Equal(version, _status.Current.Version);
    }

    [Fact]
    public void AnEditThatLoadsAfterARefusedOneClearsTheMarkAndNamesTheNewVersion()
    {
        using var fixture = new FixturePack();
        using var provider = Provider(fixture);
        fixture.Edit("summary.yaml", "no-money", "no-mony");
        provider.Reload();

        fixture.Edit("summary.yaml", "no-mony", "no-money");
        fixture.Edit("summary.yaml", "fight over Stargate's money.", "quarrel over Stargate's money.");
        provider.Reload();

        Assert.Null(_status.Current!.RefusedEditAt);
        Assert.Equal(provider.Current.Version, _status.Current.Version);
    }

    private KnowledgePackProvider Provider(FixturePack fixture) =>
        new(Options.Create(new KnowledgeOptions { Path = fixture.KnowledgeFolder }), _clock, new RecordingLogger<KnowledgePackProvider>(), status: _status);
}
