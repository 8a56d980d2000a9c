using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Conversation;

/// <summary>
/// A reply asked for again comes from the cache, but never outlives the pack or the citation
/// filter it was worked out with, and asking again still counts for the curators' tally.
/// </summary>
public sealed class ReplyCacheTests
{
    private const string Question = "How much did xAI spend in Memphis?";

    private readonly SwitchablePack _knowledge = new(StoryServices.Pack);
    private readonly SwitchablePolicy _policy = new();
    private readonly ServiceProvider _services;

    public ReplyCacheTests()
    {
        _services = StoryServices.Create(_policy, extra: services => services.AddSingleton<IKnowledgeProvider>(_knowledge));
    }

    private IChatBot Bot => _services.GetRequiredService<IChatBot>();

    private ReplyCache Cache => _services.GetRequiredService<ReplyCache>();

    [Theory]
    [InlineData(Question)]
    [InlineData("/funding")]
    [InlineData("/who-is altman")]
    public async Task TheSameQuestionAskedAgainGetsTheReplyAlreadyWorkedOut(string text)
    {
        var first = await Bot.Bot(text);
        var again = await Bot.Bot(text);

        Assert.Same(first, again);
        Assert.Equal(1, Cache.Hits);
        Assert.Equal(1, Cache.Misses);
    }

    [Theory]
    [InlineData(Question)]
    [InlineData("/funding")]
    public async Task AnExcerptWithdrawnAfterTheFirstAnswerIsNotCitedByTheSecond(string text)
    {
        var first = await Bot.Bot(text);
        Assert.Equal(ReplyKind.Answer, first.Kind);
        var withdrawn = first.Citations[0].Id;

        _policy.Filter = new CitationFilter(new HashSet<string>(), new HashSet<string> { withdrawn });
        var again = await Bot.Bot(text);

        Assert.DoesNotContain(again.Citations, c => c.Id == withdrawn);
        Assert.Equal(0, Cache.Hits);
        Assert.Equal(2, Cache.Misses);
    }

    [Fact]
    public async Task AnExcerptAllowedAgainIsCitedAgain()
    {
        var allowed = await Bot.Bot("/funding");
        var withdrawn = allowed.Citations[0].Id;
        _policy.Filter = new CitationFilter(new HashSet<string>(), new HashSet<string> { withdrawn });
        await Bot.Bot("/funding");

        _policy.Filter = CitationFilter.AllowAll;
        var again = await Bot.Bot("/funding");

        Assert.Contains(again.Citations, c => c.Id == withdrawn);
    }

    [Fact]
    public async Task AReloadedPackAnswersFromItsOwnContent()
    {
        var before = await Bot.Bot("/summary");
        var pack = StoryServices.Pack;
        _knowledge.Current = new KnowledgePack(
            pack.Story, pack.Sources, pack.Excerpts, pack.Entities, pack.Facts, pack.Timeline,
            pack.Summary with { Text = new LocalizedText("An edited summary.", "Eine bearbeitete Zusammenfassung.") },
            pack.Version + "-edited");

        var after = await Bot.Bot("/summary");

        Assert.DoesNotContain("An edited summary.", before.Text, StringComparison.Ordinal);
        Assert.Contains("An edited summary.", after.Text, StringComparison.Ordinal);
        Assert.Equal(0, Cache.Hits);
    }

    [Fact]
    public async Task AnUnansweredQuestionAskedTwiceIsTalliedTwice()
    {
        const string unanswered = "Wer hat die Klage gewonnen?";
        await Bot.Bot(unanswered);
        await Bot.Bot(unanswered);

        var tally = Assert.Single(await _services.GetRequiredService<IUnansweredQuestions>().MostAskedAsync(10, CancellationToken.None));
        Assert.Equal(2, tally.Count);
        Assert.Equal(1, Cache.Hits);
    }

    [Fact]
    public async Task RepliesDependOnTheLanguageAskedFor()
    {
        var english = await Bot.Bot("/funding en");
        var german = await Bot.Bot("/funding de");

        Assert.Equal(Language.English, english.Language);
        Assert.Equal(Language.German, german.Language);
        Assert.Equal(0, Cache.Hits);
    }

    [Fact]
    public async Task ASizeOfNoneWorksEveryReplyOutAnew()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Answering:ReplyCacheSize"] = "0" }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IKnowledgeProvider>(_knowledge);
        services.AddStoryCore(configuration);
        using var provider = services.BuildServiceProvider();
        var bot = provider.GetRequiredService<IChatBot>();

        var first = await bot.Bot("/funding");
        var again = await bot.Bot("/funding");

        Assert.NotSame(first, again);
        Assert.Equal(first.Text, again.Text);
        Assert.False(provider.GetRequiredService<ReplyCache>().Enabled);
    }

    private sealed class SwitchablePack(KnowledgePack pack) : IKnowledgeProvider
    {
        public KnowledgePack Current { get; set; } = pack;
    }

    private sealed class SwitchablePolicy : ICitationPolicy
    {
        public CitationFilter Filter { get; set; } = CitationFilter.AllowAll;

        public ValueTask<CitationFilter> GetFilterAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Filter);
    }
}
