using Microsoft.Extensions.Options;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>One provider serving several stories (section Stories), each from its own folder.</summary>
public sealed class ServedStoriesTests : IDisposable
{
    private readonly TwoStories _stories = new();

    public void Dispose() => _stories.Dispose();

    private KnowledgePackProvider Provider(StoriesOptions stories, string? story = null) => new(
        Options.Create(new KnowledgeOptions { Path = _stories.Path, Story = story }),
        TimeProvider.System,
        new RecordingLogger<KnowledgePackProvider>(),
        stories: Options.Create(stories));

    private static StoriesOptions Mapping(string channel, string story)
    {
        var options = new StoriesOptions();
        options.Channels[channel] = story;
        return options;
    }

    [Fact]
    public void ServesEveryStoryFolderWhenNoneIsListedWithTheFirstByIdAsDefault()
    {
        using var provider = Provider(Mapping("C1", TwoStories.Stargate));

        Assert.Equal([TwoStories.Harbour, TwoStories.Stargate], provider.Stories);
        Assert.Equal(TwoStories.Harbour, provider.DefaultStory);
        Assert.Equal(TwoStories.Harbour, provider.Current.Story.Id);
        Assert.Equal(TwoStories.Stargate, provider.Find(TwoStories.Stargate)!.Story.Id);
    }

    [Fact]
    public void TheDefaultIsKnowledgeStoryUnlessStoriesDefaultNamesAnother()
    {
        using var fromKnowledge = Provider(Mapping("C1", TwoStories.Harbour), story: TwoStories.Stargate);
        using var fromStories = Provider(new StoriesOptions { Default = TwoStories.Harbour }, story: TwoStories.Stargate);

        Assert.Equal([TwoStories.Stargate, TwoStories.Harbour], fromKnowledge.Stories);
        Assert.Equal(TwoStories.Harbour, fromStories.DefaultStory);
    }

    [Fact]
    public void TheDefaultStoryIsServedEvenWhenServeLeavesItOut()
    {
        var options = new StoriesOptions { Default = TwoStories.Stargate };
        options.Serve.Add(TwoStories.Harbour);

        using var provider = Provider(options);

        Assert.Equal([TwoStories.Stargate, TwoStories.Harbour], provider.Stories);
    }

    [Fact]
    public void CurrentIsThePackOfTheStoryInScopeAndTheDefaultOutsideIt()
    {
        using var provider = Provider(new StoriesOptions { Default = TwoStories.Stargate });

        KnowledgePack inScope;
        using (StoryScope.Enter(TwoStories.Harbour))
        {
            inScope = provider.Current;
        }

        Assert.Equal(TwoStories.Harbour, inScope.Story.Id);
        Assert.Equal(TwoStories.Stargate, provider.Current.Story.Id);
        using (StoryScope.Enter("not-served"))
        {
            Assert.Equal(TwoStories.Stargate, provider.Current.Story.Id);
        }
    }

    [Fact]
    public void AnEditOfOneStoryReloadsThatStoryAloneAndAnnouncesIt()
    {
        using var provider = Provider(new StoriesOptions { Default = TwoStories.Stargate });
        var stargate = provider.Find(TwoStories.Stargate);
        var harbour = provider.Find(TwoStories.Harbour)!;
        var swaps = new List<KnowledgePackSwappedEventArgs>();
        provider.PackSwapped += (_, swap) => swaps.Add(swap);
        var summary = Path.Combine(_stories.FolderOf(TwoStories.Harbour), "summary.yaml");
        File.WriteAllText(summary, File.ReadAllText(summary).Replace("is building a new ferry terminal", "is building a ferry terminal", StringComparison.Ordinal));

        var swapped = provider.Reload();

        Assert.True(swapped);
        Assert.Same(stargate, provider.Find(TwoStories.Stargate));
        var swap = Assert.Single(swaps);
        Assert.Same(harbour, swap.Previous);
        Assert.Same(provider.Find(TwoStories.Harbour), swap.Current);
        Assert.NotEqual(harbour.Version, swap.Current.Version);
    }

    [Fact]
    public void AnInvalidEditOfOneStoryKeepsItsPackAndMarksOnlyItInTheStatus()
    {
        var status = new KnowledgePackStatus();
        using var provider = new KnowledgePackProvider(
            Options.Create(new KnowledgeOptions { Path = _stories.Path }), TimeProvider.System, new RecordingLogger<KnowledgePackProvider>(),
            status: status, stories: Options.Create(new StoriesOptions { Default = TwoStories.Stargate }));
        var harbour = provider.Find(TwoStories.Harbour);
        File.WriteAllText(Path.Combine(_stories.FolderOf(TwoStories.Harbour), "excerpts.yaml"), "- id: [broken");

        Assert.False(provider.Reload(TwoStories.Harbour));

        Assert.Same(harbour, provider.Find(TwoStories.Harbour));
        Assert.Equal([TwoStories.Stargate, TwoStories.Harbour], status.Stories.Select(s => s.Story));
        Assert.Null(status.Current!.RefusedEditAt);
        Assert.NotNull(status.Stories[1].RefusedEditAt);
    }

    [Fact]
    public void AChannelMappedToAStoryNotServedIsAProblemNamingTheKey()
    {
        var options = Mapping("123456", "harbour");

        var problem = Assert.Throws<KnowledgePackException>(() => Provider(options)).Message;

        Assert.Contains("Stories:Channels:123456", problem, StringComparison.Ordinal);
        Assert.Contains("'harbour'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stories:Serve")]
    [InlineData("Stories:Default")]
    public void AStoryThatIsNoFolderIsAProblemNamingTheKey(string key)
    {
        var options = new StoriesOptions();
        if (key == "Stories:Serve")
        {
            options.Serve.Add("no-such-story");
        }
        else
        {
            options.Default = "no-such-story";
        }

        var problem = Assert.Throws<KnowledgePackException>(() => Provider(options)).Message;

        Assert.StartsWith($"{key} 'no-such-story' is not a story folder", problem, StringComparison.Ordinal);
        Assert.Contains($"{TwoStories.Harbour}, {TwoStories.Stargate}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAStoriesSectionSeveralStoriesStillNeedKnowledgeStory()
    {
        var problem = Assert.Throws<KnowledgePackException>(() => Provider(new StoriesOptions())).Message;

        Assert.StartsWith("Knowledge:Story is required", problem, StringComparison.Ordinal);
    }
}
