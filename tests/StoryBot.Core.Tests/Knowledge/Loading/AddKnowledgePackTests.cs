using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Loading;

public sealed class AddKnowledgePackTests
{
    private static IHost Host(string contentRoot, params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Logging.ClearProviders();
        builder.Services.AddKnowledgePack(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task ServesThePackFromTheDefaultFolderUnderTheContentRoot()
    {
        using var fixture = new FixturePack();
        using var host = Host(fixture.ContentRoot);

        await host.StartAsync();
        try
        {
            var provider = host.Services.GetRequiredService<IKnowledgeProvider>();
            Assert.Equal(5, provider.Current.Excerpts.Count);
            Assert.Same(provider, host.Services.GetRequiredService<IKnowledgePackChanges>());
            Assert.True(((KnowledgePackProvider)provider).IsWatching);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task StopsWatchingWhenTheHostStops()
    {
        using var fixture = new FixturePack();
        using var host = Host(fixture.ContentRoot);

        await host.StartAsync();
        await host.StopAsync();

        Assert.False(host.Services.GetRequiredService<KnowledgePackProvider>().IsWatching);
    }

    [Fact]
    public async Task DoesNotWatchWhenReloadIsOff()
    {
        using var fixture = new FixturePack();
        using var host = Host(fixture.ContentRoot, ("Knowledge:Reload", "false"));

        await host.StartAsync();
        try
        {
            Assert.False(host.Services.GetRequiredService<KnowledgePackProvider>().IsWatching);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task FailsToStartWithEveryErrorWhenThePackIsInvalid()
    {
        using var fixture = new FixturePack();
        fixture.Edit("entities.yaml", "  citations: [no-money]", "  citaions: [no-money]");
        fixture.Edit("summary.yaml", "no-money", "no-mony");
        using var host = Host("/", ("Knowledge:Path", fixture.KnowledgeFolder));

        var exception = await Assert.ThrowsAsync<KnowledgePackException>(() => host.StartAsync());

        Assert.Contains("story/entities.yaml:8:3: entity 'musk': unknown key 'citaions' (did you mean 'citations'?)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("story/summary.yaml:4:", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, exception.Errors.Count);
    }

    [Fact]
    public async Task FailsToStartNamingTheKeyWhenThePathIsNotAFolder()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), "storybot-missing-" + Guid.NewGuid().ToString("N"));
        using var host = Host(Path.GetTempPath(), ("Knowledge:Path", Path.Combine(nowhere, "pack")));

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"Knowledge:Path '{Path.Combine(nowhere, "pack")}' is not a folder", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsToStartNamingTheKeyWhenAChannelIsMappedToAStoryNotServed()
    {
        using var stories = new TwoStories();
        using var host = Host("/", ("Knowledge:Path", stories.Path), ("Stories:Serve:0", TwoStories.Stargate), ("Stories:Channels:C42", TwoStories.Harbour));

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var failure = Assert.Single(exception.Failures);
        Assert.StartsWith($"Stories:Channels:C42 names story '{TwoStories.Harbour}', which is not served (stories served: {TwoStories.Stargate})", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServesTheStoriesOfTheStoriesSectionSideBySide()
    {
        using var stories = new TwoStories();
        using var host = Host("/", ("Knowledge:Path", stories.Path), ("Knowledge:Reload", "false"), ("Stories:Default", TwoStories.Stargate));

        await host.StartAsync();
        try
        {
            var served = host.Services.GetRequiredService<IServedStories>();
            Assert.Same(host.Services.GetRequiredService<IKnowledgeProvider>(), served);
            Assert.Equal([TwoStories.Stargate, TwoStories.Harbour], served.Stories);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task FailsToStartNamingTheKeyWhenThePathIsEmpty()
    {
        using var fixture = new FixturePack();
        using var host = Host(fixture.ContentRoot, ("Knowledge:Path", ""));

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("Knowledge:Path is required", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void FindsTheRepositoryPackBesideBotSlnWhenTheRelativePathIsNotUnderTheContentRoot()
    {
        var elsewhere = Path.GetTempPath();

        var resolved = KnowledgePackLocation.ResolveFolder("knowledge", elsewhere, out var problem);

        Assert.Null(problem);
        Assert.Equal(RepoRoot.Knowledge, resolved);
    }

    [Fact]
    public void PrefersTheFolderUnderTheContentRoot()
    {
        using var fixture = new FixturePack();

        var resolved = KnowledgePackLocation.ResolveFolder("knowledge", fixture.ContentRoot, out _);

        Assert.Equal(fixture.KnowledgeFolder, resolved);
    }

    [Fact]
    public void DoesNotLookBesideBotSlnForAnAbsolutePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "storybot-missing-" + Guid.NewGuid().ToString("N"), "knowledge");

        var resolved = KnowledgePackLocation.ResolveFolder(missing, contentRoot: null, out var problem);

        Assert.Null(resolved);
        Assert.Equal($"Knowledge:Path '{missing}' is not a folder", problem);
    }

    [Fact]
    public void ServesTheOnlyStoryOfTheKnowledgeFolderWhenNoStoryIsNamed()
    {
        using var fixture = new FixturePack();
        Directory.CreateDirectory(Path.Combine(fixture.KnowledgeFolder, "schemas"));

        var resolved = KnowledgePackLocation.Resolve(new KnowledgeOptions { Path = fixture.KnowledgeFolder }, contentRoot: null, out var problem);

        Assert.Null(problem);
        Assert.Equal(fixture.Path, resolved);
    }

    [Fact]
    public void ADraftBesideTheOnlyFinishedStoryIsNotASecondStory()
    {
        using var fixture = new FixturePack();
        var draft = Path.Combine(fixture.KnowledgeFolder, "follow-up");
        Directory.CreateDirectory(draft);
        File.WriteAllText(Path.Combine(draft, "story.yaml"), $"title:\n  en: \"{DraftText.Placeholder("title")}\"\n");

        var resolved = KnowledgePackLocation.Resolve(new KnowledgeOptions { Path = fixture.KnowledgeFolder }, contentRoot: null, out var problem);

        Assert.Null(problem);
        Assert.Equal(fixture.Path, resolved);
    }

    [Fact]
    public void ServesTheStoryThatKnowledgeStoryNames()
    {
        using var fixture = new FixturePack();
        using var other = new FixturePack();
        Directory.Move(other.Path, Path.Combine(fixture.KnowledgeFolder, "other"));

        var resolved = KnowledgePackLocation.Resolve(new KnowledgeOptions { Path = fixture.KnowledgeFolder, Story = "other" }, contentRoot: null, out var problem);

        Assert.Null(problem);
        Assert.Equal(Path.Combine(fixture.KnowledgeFolder, "other"), resolved);
    }

    [Fact]
    public async Task FailsToStartNamingKnowledgeStoryWhenTheFolderHoldsSeveralStoriesAndNoneIsNamed()
    {
        using var fixture = new FixturePack();
        using var other = new FixturePack();
        Directory.Move(other.Path, Path.Combine(fixture.KnowledgeFolder, "other"));
        using var host = Host("/", ("Knowledge:Path", fixture.KnowledgeFolder));

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Knowledge:Story is required when the knowledge folder holds more than one story", exception.Message, StringComparison.Ordinal);
        Assert.Contains("other, story", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stroy")]
    [InlineData("../knowledge/story")]
    [InlineData("..")]
    public void NamesTheStoriesThereAreWhenKnowledgeStoryNamesNone(string story)
    {
        using var fixture = new FixturePack();

        var resolved = KnowledgePackLocation.Resolve(new KnowledgeOptions { Path = fixture.KnowledgeFolder, Story = story }, contentRoot: null, out var problem);

        Assert.Null(resolved);
        Assert.Equal($"Knowledge:Story '{story}' is not a story folder in {fixture.KnowledgeFolder} (stories there: story)", problem);
    }

    [Fact]
    public void SaysWhatAStoryIsWhenTheFolderHoldsNone()
    {
        using var fixture = new FixturePack();
        Directory.Delete(fixture.Path, recursive: true);

        var resolved = KnowledgePackLocation.Resolve(new KnowledgeOptions { Path = fixture.KnowledgeFolder }, contentRoot: null, out var problem);

        Assert.Null(resolved);
        Assert.Contains("holds no story: a story is a folder <story-id>/ with a story.yaml", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesTheFolderToConfigureWhenThePathIsAStoryFolder()
    {
        using var fixture = new FixturePack();

        var resolved = KnowledgePackLocation.Resolve(new KnowledgeOptions { Path = fixture.Path }, contentRoot: null, out var problem);

        Assert.Null(resolved);
        Assert.Equal($"Knowledge:Path '{fixture.Path}' is a story folder; set it to the knowledge folder that holds it ('{fixture.KnowledgeFolder}')", problem);
    }
}
