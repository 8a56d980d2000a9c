using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StoryBot.Core;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.EndToEnd;

/// <summary>The real chat bot and answer engine over the real knowledge pack, with moderation wired by AddStoryState.</summary>
public sealed class ChatBotModerationTests : IAsyncLifetime
{
    private static readonly Lazy<KnowledgePack> Pack = new(() => KnowledgePackLoader.Load(Path.Combine(RepositoryRoot(), "knowledge", "stargate-dispute")));

    private readonly List<ServiceProvider> _providers = [];
    private readonly List<string> _folders = [];

    private SqliteBackend Backend { get; } = new();

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Backend.DisposeAsync();
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ADisabledExcerptIsNeverCitedByTheNextAnswerAndIsCitedAgainOnceEnabled()
    {
        var bot = StartBot();
        const string Question = "How much money has been committed to Stargate?";
        var before = await AskAsync(bot, Question);
        Assert.Equal(ReplyKind.Answer, before.Kind);
        var excerpt = before.Citations[0].Id;

        var disabled = await bot.RespondAsync(Console($"/sources disable {excerpt} checking the figure"), CancellationToken.None);
        Assert.Equal(ReplyKind.Moderation, disabled.Kind);

        var during = await AskAsync(StartBot(), Question);
        Assert.DoesNotContain(during.Citations, c => c.Id == excerpt);

        await bot.RespondAsync(Console($"/sources enable {excerpt}"), CancellationToken.None);
        var after = await AskAsync(bot, Question);
        Assert.Contains(after.Citations, c => c.Id == excerpt);
    }

    [Fact]
    public async Task AWithdrawnExcerptWhoseIdCuratorsRenamedIsStillNotCited()
    {
        var bot = StartBot();
        const string Question = "How much money has been committed to Stargate?";
        var excerpt = (await AskAsync(bot, Question)).Citations[0].Id;
        var renamed = StartBot(PackWithExcerptRenamed(excerpt, excerpt + "-renamed"));
        Assert.Contains((await AskAsync(renamed, Question)).Citations, c => c.Id == excerpt + "-renamed");

        await bot.RespondAsync(Console($"/sources disable {excerpt} checking the figure"), CancellationToken.None);
        var reply = await AskAsync(renamed, Question);

        Assert.DoesNotContain(reply.Citations, c => c.Id == excerpt + "-renamed" || c.Id == excerpt);
    }

    [Fact]
    public async Task WithItsOnlySourceDisabledTheBotAbstainsInsteadOfAnsweringUncited()
    {
        var bot = StartBot();
        var source = Pack.Value.Sources[0].Id;
        Assert.Single(Pack.Value.Sources);

        await bot.RespondAsync(Console($"/sources disable {source} under review"), CancellationToken.None);
        var reply = await AskAsync(bot, "How much money has been committed to Stargate?");

        Assert.NotEqual(ReplyKind.Answer, reply.Kind);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public async Task TheSourcesCommandOfThisFeatureReplacesTheBuiltInOne()
    {
        var bot = StartBot();

        var refused = await bot.RespondAsync(new ChatRequest("discord", "c", "u", "/sources disable headline no"), CancellationToken.None);
        var listed = await bot.RespondAsync(new ChatRequest("discord", "c", "u", "/sources"), CancellationToken.None);

        Assert.Equal(ReplyKind.Error, refused.Kind);
        Assert.Equal(ReplyKind.Help, listed.Kind);
        Assert.Contains(Pack.Value.Sources[0].Title, listed.Text, StringComparison.Ordinal);
    }

    private static ChatRequest Console(string text) => new("console", "console", "operator", text) { IsModerator = true };

    private static Task<Reply> AskAsync(IChatBot bot, string question) =>
        bot.RespondAsync(new ChatRequest("console", "console", "reader", question), CancellationToken.None);

    /// <summary>The real pack after curators renamed one excerpt's id everywhere it is cited, quote unchanged.</summary>
    private KnowledgePack PackWithExcerptRenamed(string id, string newId)
    {
        var folder = Path.Combine(Path.GetTempPath(), "storybot-renamed-" + Guid.NewGuid().ToString("N"), "knowledge");
        _folders.Add(Path.GetDirectoryName(folder)!);
        var original = Path.Combine(RepositoryRoot(), "knowledge", "stargate-dispute");
        var wholeId = new Regex($@"(?<![\w-]){Regex.Escape(id)}(?![\w-])", RegexOptions.None, TimeSpan.FromSeconds(1));
        foreach (var file in Directory.EnumerateFiles(original, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(original, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            var text = File.ReadAllText(file);
            File.WriteAllText(copy, file.EndsWith(".yaml", StringComparison.Ordinal) ? wholeId.Replace(text, newId) : text);
        }

        return KnowledgePackLoader.Load(folder);
    }

    private IChatBot StartBot(KnowledgePack? pack = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:ConnectionString"] = Backend.ConnectionString,
        }).Build();
        var knowledge = new Mock<IKnowledgeProvider>();
        knowledge.Setup(k => k.Current).Returns(pack ?? Pack.Value);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(knowledge.Object);
        services.AddStoryCore(configuration);
        services.AddStoryState(configuration);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IChatBot>();
    }

    private static string RepositoryRoot() => StoryBot.Testing.RepositoryFiles.Root;
}
