using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Discord.Commands;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

public sealed partial class CommandRegistrationTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private readonly string _state = Directory.CreateTempSubdirectory("storybot-commands-").FullName;
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    public void Dispose()
    {
        _signer.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task CommandsAreRegisteredOnceAndNotAgainUntilTheyChange()
    {
        Assert.True(await RegisterAsync());
        Assert.False(await RegisterAsync());
        Assert.True(await RegisterAsync(new Dictionary<string, string?> { ["Discord:GuildIds:0"] = FakeDiscord.GuildId }));

        var puts = _discord.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.Equal($"applications/{FakeDiscord.ApplicationId}/commands", puts[0].Path);
        Assert.Equal($"applications/{FakeDiscord.ApplicationId}/guilds/{FakeDiscord.GuildId}/commands", puts[1].Path);
        var names = puts[0].Json.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["who-is", "ask", "funding", "dispute", "timeline", "summary", "whats-new", "help", "sources", "moderate", "Report answer", "Ask StoryBot about this message"], names);
    }

    [Fact]
    public async Task SwitchingToGlobalRegistrationClearsTheGuildCommandsRegisteredBefore()
    {
        var inGuild = new Dictionary<string, string?> { ["Discord:GuildIds:0"] = FakeDiscord.GuildId };
        Assert.True(await RegisterAsync(inGuild));

        Assert.True(await RegisterAsync());

        var puts = _discord.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(
            [GuildCommands(FakeDiscord.GuildId), $"applications/{FakeDiscord.ApplicationId}/commands", GuildCommands(FakeDiscord.GuildId)],
            puts.Select(p => p.Path));
        Assert.Equal(DiscordCommands.For(RepositoryStory).Count, puts[1].Json.GetArrayLength());
        Assert.Equal(0, puts[2].Json.GetArrayLength());

        // Cleared once: a later registration does not touch that guild again.
        File.Delete(Path.Combine(_state, CommandRegistrar.StateFileName));
        Assert.True(await RegisterAsync());
        Assert.DoesNotContain(_discord.Requests.Where(r => r.Method == "PUT").Skip(3), p => p.Path == GuildCommands(FakeDiscord.GuildId));
    }

    [Fact]
    public async Task AGuildThatCanNoLongerBeClearedDoesNotStopTheRegistration()
    {
        const string LeftGuild = "290926798626357111";
        Assert.True(await RegisterAsync(new Dictionary<string, string?> { ["Discord:GuildIds:0"] = LeftGuild }));
        _discord.Script(r => r.Method == "PUT" && r.Path == GuildCommands(LeftGuild), new FakeResponse(403, """{"message": "Missing Access", "code": 50001}"""));

        Assert.True(await RegisterAsync(new Dictionary<string, string?> { ["Discord:GuildIds:0"] = FakeDiscord.GuildId }));

        Assert.Contains(_discord.Requests, r => r.Method == "PUT" && r.Path == GuildCommands(FakeDiscord.GuildId));
        Assert.Equal(FakeDiscord.GuildId, File.ReadAllText(Path.Combine(_state, CommandRegistrar.GuildsFileName)).Trim());
    }

    [Fact]
    public async Task OnlyTheModeratorCommandIsRegisteredWithManageServerAsItsDefaultMemberPermissions()
    {
        Assert.True(await RegisterAsync());

        var commands = _discord.Requests.Single(r => r.Method == "PUT").Json.EnumerateArray().ToList();
        var moderate = commands.Single(c => c.GetProperty("name").GetString() == "moderate");
        Assert.Equal("32", moderate.GetProperty("default_member_permissions").GetString());

        // The source list is for everyone: it has no subcommands a permission would hide with it.
        var sources = commands.Single(c => c.GetProperty("name").GetString() == "sources");
        Assert.False(sources.TryGetProperty("options", out var options) && options.ValueKind == System.Text.Json.JsonValueKind.Array && options.GetArrayLength() > 0);
        Assert.All(
            commands.Where(c => c.GetProperty("name").GetString() != "moderate"),
            c => Assert.False(c.TryGetProperty("default_member_permissions", out _), c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ChangingTheModeratorCommandPermissionsRegistersThemAgain()
    {
        Assert.True(await RegisterAsync());

        Assert.True(await RegisterAsync(new Dictionary<string, string?> { ["Discord:ModeratorCommandPermissions"] = "8192" }));

        var moderate = _discord.Requests.Where(r => r.Method == "PUT").Last().Json.EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "moderate");
        Assert.Equal("8192", moderate.GetProperty("default_member_permissions").GetString());
    }

    [Fact]
    public async Task RegistrationRunsAtStartWhenEnabled()
    {
        await using var host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, runGateway: true, stateDirectory: _state, settings: new Dictionary<string, string?>
        {
            ["Discord:RegisterCommands"] = "true",
        });

        var put = await _discord.WaitForRequestAsync(r => r.Method == "PUT");
        await _discord.NextGatewayConnectionAsync(); // the Gateway starts once registration is done

        Assert.Equal($"Bot {FakeDiscord.Token}", put.Header("Authorization"));
        Assert.True(File.Exists(Path.Combine(_state, CommandRegistrar.StateFileName)));
    }

    [Fact]
    public async Task AStoryOfOtherTopicsRegistersItsOwnTopicCommandsInTheirPlace()
    {
        var story = RepositoryStory with
        {
            Topics =
            [
                new StoryTopic("money", Languages("the money", "das Geld"))
                {
                    Command = new(Languages("money", "geld"), Languages("Where the money comes from.", "Woher das Geld kommt."), Languages("the money", "das Geld")),
                },
                new StoryTopic("people", Languages("the people", "die Leute")),
            ],
        };

        Assert.True(await RegisterAsync(knowledge: Mock.Of<IKnowledgeProvider>(k => k.Current == PackWith(story))));

        var commands = _discord.Requests.Single(r => r.Method == "PUT").Json.EnumerateArray().ToList();
        Assert.Equal(["who-is", "ask", "money", "timeline", "summary", "whats-new", "help", "sources", "moderate", "Report answer", "Ask StoryBot about this message"], commands.Select(c => c.GetProperty("name").GetString()));
        var money = commands.Single(c => c.GetProperty("name").GetString() == "money");
        Assert.Equal("Where the money comes from.", money.GetProperty("description").GetString());
        Assert.Equal("geld", money.GetProperty("name_localizations").GetProperty("de").GetString());
        Assert.Equal("Woher das Geld kommt.", money.GetProperty("description_localizations").GetProperty("de").GetString());
    }

    [Fact]
    public async Task ATopicCommandIsNamedInEveryLanguageThePackGivesThatDiscordHasALocaleFor()
    {
        TextInLanguages In(string en, string de, string fr, string es, string la) =>
            new(new Dictionary<string, string> { ["en"] = en, ["de"] = de, ["fr"] = fr, ["es"] = es, ["la"] = la });
        var story = RepositoryStory with
        {
            Topics =
            [
                new StoryTopic("money", Languages("the money", "das Geld"))
                {
                    Command = new(
                        In("money", "geld", "argent", "dinero", "pecunia"),
                        In("Where the money comes from.", "Woher das Geld kommt.", "D'où vient l'argent.", "De dónde viene el dinero.", "Unde pecunia venit."),
                        Languages("the money", "das Geld")),
                },
            ],
        };

        Assert.True(await RegisterAsync(knowledge: Mock.Of<IKnowledgeProvider>(k => k.Current == PackWith(story))));

        var money = _discord.Requests.Single(r => r.Method == "PUT").Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "money");
        var names = money.GetProperty("name_localizations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?> { ["de"] = "geld", ["fr"] = "argent", ["es-ES"] = "dinero", ["es-419"] = "dinero" }, names);
        Assert.Equal("D'où vient l'argent.", money.GetProperty("description_localizations").GetProperty("fr").GetString());
    }

    [Fact]
    public void DefinitionsFollowDiscordsRules()
    {
        foreach (var command in DiscordCommands.For(RepositoryStory).Where(c => c.Type == 1))
        {
            Assert.Matches(CommandName(), command.Name);
            Assert.InRange(command.Description.Length, 1, 100);
            foreach (var option in Flatten(command.Options ?? []))
            {
                Assert.Matches(CommandName(), option.Name);
                Assert.InRange(option.Description.Length, 1, 100);
                Assert.False(option.Autocomplete == true && option.Choices is not null);
            }
        }

        var whoIs = DiscordCommands.BuiltIn.Single(c => c.Name == "who-is").Options!.Single();
        Assert.True(whoIs.Autocomplete);
        Assert.True(whoIs.Required);
        var moderate = DiscordCommands.BuiltIn.Single(c => c.Name == "moderate").Options!.Select(o => o.Name);
        Assert.Equal(["list", "disable", "enable", "reports", "resolve", "audit", "unanswered", "story"], moderate);
        Assert.Null(DiscordCommands.BuiltIn.Single(c => c.Name == "sources").Options);
    }

    [Fact]
    public void EveryCommandAndOptionHasAGermanNameAndDescriptionByDiscordsRules()
    {
        foreach (var command in DiscordCommands.For(RepositoryStory).Where(c => c.Type == 1))
        {
            Assert.Matches(CommandName(), command.NameLocalizations![DiscordCommands.German]);
            Assert.InRange(command.DescriptionLocalizations![DiscordCommands.German].Length, 1, 100);
            foreach (var option in Flatten(command.Options ?? []))
            {
                Assert.Matches(CommandName(), option.NameLocalizations![DiscordCommands.German]);
                Assert.InRange(option.DescriptionLocalizations![DiscordCommands.German].Length, 1, 100);
                Assert.All(option.Choices ?? [], choice => Assert.InRange(choice.NameLocalizations![DiscordCommands.German].Length, 1, 100));
            }

            // Discord refuses two options of one level with the same name, in any locale.
            AssertUniqueGermanNamesPerLevel(command.Options ?? []);
        }

        // Message commands: up to 32 characters in any case, with spaces, and no description.
        Assert.All(DiscordCommands.BuiltIn.Where(c => c.Type == 3), messageCommand =>
        {
            Assert.InRange(messageCommand.Name.Length, 1, 32);
            Assert.InRange(messageCommand.NameLocalizations![DiscordCommands.German].Length, 1, 32);
            Assert.Null(messageCommand.DescriptionLocalizations);
        });
    }

    [Fact]
    public async Task TheRegistrationSentToDiscordCarriesTheGermanLocalizations()
    {
        Assert.True(await RegisterAsync());

        var commands = _discord.Requests.Single(r => r.Method == "PUT").Json.EnumerateArray().ToList();
        var funding = commands.Single(c => c.GetProperty("name").GetString() == "funding");
        Assert.Equal("finanzierung", funding.GetProperty("name_localizations").GetProperty("de").GetString());
        Assert.Equal("Das Geld in der Geschichte, und wer das sagt.", funding.GetProperty("description_localizations").GetProperty("de").GetString());
        var resolve = commands.Single(c => c.GetProperty("name").GetString() == "moderate")
            .GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "resolve");
        Assert.Equal("erledigen", resolve.GetProperty("name_localizations").GetProperty("de").GetString());
        var action = resolve.GetProperty("options")[1];
        Assert.Equal("aktion", action.GetProperty("name_localizations").GetProperty("de").GetString());
        Assert.Equal("verwerfen", action.GetProperty("choices")[0].GetProperty("name_localizations").GetProperty("de").GetString());
        Assert.Equal("dismiss", action.GetProperty("choices")[0].GetProperty("value").GetString());
        Assert.All(
            commands.Where(c => c.GetProperty("type").GetInt32() == 1),
            c => Assert.True(c.GetProperty("description_localizations").TryGetProperty("de", out _), c.GetProperty("name").GetString()));
    }

    private static readonly Lazy<StoryProfile> Repository = new(() => KnowledgePackLoader.Load(RepositoryFiles.Story).Story);

    private static StoryProfile RepositoryStory => Repository.Value;

    private async Task<bool> RegisterAsync(IDictionary<string, string?>? settings = null, IKnowledgeProvider? knowledge = null)
    {
        await using var host = await BotHost.StartAsync(
            _discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, settings: settings, stateDirectory: _state,
            services: knowledge is null ? null : s => s.AddSingleton(knowledge));
        return await host.Services.GetRequiredService<CommandRegistrar>().RegisterIfChangedAsync(CancellationToken.None);
    }

    private static KnowledgePack PackWith(StoryProfile story) =>
        new(story, [], [], [], [], [], new StorySummary(new("s", "s"), []), "other-topics");

    private static TextInLanguages Languages(string en, string de) => new(new Dictionary<string, string> { ["en"] = en, ["de"] = de });

    private static void AssertUniqueGermanNamesPerLevel(IReadOnlyList<CommandOption> options)
    {
        var names = options.Select(o => o.NameLocalizations![DiscordCommands.German]).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var option in options)
        {
            AssertUniqueGermanNamesPerLevel(option.Options ?? []);
        }
    }

    private static string GuildCommands(string guildId) => $"applications/{FakeDiscord.ApplicationId}/guilds/{guildId}/commands";

    private static IEnumerable<CommandOption> Flatten(IEnumerable<CommandOption> options) =>
        options.SelectMany(o => Flatten(o.Options ?? []).Prepend(o));

    [GeneratedRegex(@"^[-_'\p{Ll}\p{N}]{1,32}$")]
    private static partial Regex CommandName();
}
