using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

/// <summary>The adapter over the real chat bot and the real knowledge pack.</summary>
public sealed class EndToEndTests : IAsyncLifetime, IDisposable
{
    private static readonly string KnowledgePath = RepositoryFiles.Knowledge;
    private readonly Ed25519Signer _signer = new();
    private FakeDiscord _discord = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        var settings = new Dictionary<string, string?> { ["Knowledge:Path"] = KnowledgePath, ["Knowledge:Reload"] = "false" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _host = await BotHost.StartAsync(_discord, _signer, bot: null, runGateway: true, settings: settings, services: services => services.AddStoryCore(configuration));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task AskingAboutAMessageAnswersItsTextCleanedLikeAnyQuestion()
    {
        var body = Payloads.MessageCommand("Ask StoryBot about this message", Payloads.NewId(), $"<@{FakeDiscord.BotUserId}> hey, who is Sam Altman? :)");

        using var response = await _host.PostInteractionAsync(body, _signer);

        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        AssertVerbatimCitations(data);
        Assert.Contains("Altman", data.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoIsOverHttpCitesVerbatimPassagesOfTheArticle()
    {
        using var response = await _host.PostInteractionAsync(Payloads.SlashCommand("who-is", $"[{Payloads.StringOption("name", "altman")}]"), _signer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        AssertVerbatimCitations(data);
    }

    [Fact]
    public async Task AMentionOverTheGatewayIsAnsweredWithVerbatimQuotes()
    {
        var connection = await ReadyGatewayAsync();

        await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> /who-is Altmann", mentionsBot: true, id: "1100000000000000001"));

        var post = await _discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal));
        Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Equal("1100000000000000001", post.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
        AssertVerbatimCitations(post.Json);
    }

    [Fact]
    public async Task AFollowUpLeansOnTheSameMembersQuestionBeforeInTheChannelAndOnNobodyElses()
    {
        var connection = await ReadyGatewayAsync();

        await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> what did musk claim about softbank", mentionsBot: true, id: "1100000000000000011"));
        await ReplyToAsync("1100000000000000011");
        await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> more please", mentionsBot: true, id: "1100000000000000012"));
        var more = await ReplyToAsync("1100000000000000012");
        await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> more please", mentionsBot: true, authorId: "80351110224678913", id: "1100000000000000013"));
        var someoneElse = await ReplyToAsync("1100000000000000013");

        Assert.Contains("More from the story:", Shown(more.Json), StringComparison.Ordinal);
        AssertVerbatimCitations(more.Json);
        Assert.DoesNotContain("More from the story:", Shown(someoneElse.Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MentionsInAQuestionTheBotEchoesNeverPing()
    {
        var connection = await ReadyGatewayAsync();

        await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> @everyone @here <@&539082325061836999> what is the weather in Paris?", mentionsBot: true));

        var post = await _discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal));
        Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        var shown = string.Concat(post.Json.GetProperty("embeds").EnumerateArray().Select(e => e.GetProperty("description").GetString()));
        Assert.DoesNotMatch("@(everyone|here)", shown);
        Assert.DoesNotContain("<@&", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutocompleteOffersTheStorysPeople()
    {
        using var response = await _host.PostInteractionAsync(Payloads.Autocomplete("alt"), _signer);

        var choices = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("choices");
        Assert.InRange(choices.GetArrayLength(), 1, 25);
        Assert.Contains(choices.EnumerateArray(), c => c.GetProperty("value").GetString()!.Contains("Altman", StringComparison.Ordinal));
    }

    private Task<RecordedRequest> ReplyToAsync(string messageId) =>
        _discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal)
            && r.Json.TryGetProperty("message_reference", out var reference) && reference.GetProperty("message_id").GetString() == messageId);

    private static string Shown(JsonElement message) =>
        string.Concat(message.GetProperty("embeds").EnumerateArray().Select(e => e.GetProperty("description").GetString()));

    private async Task<FakeGatewayConnection> ReadyGatewayAsync()
    {
        var connection = await _discord.NextGatewayConnectionAsync();
        await connection.SendHelloAsync();
        await connection.ReceiveAsync();
        await connection.SendReadyAsync("session-e2e", _discord.ResumeGatewayUrl);
        return connection;
    }

    /// <summary>Every citation embed's quote, as shown, stands verbatim in the source article.</summary>
    private static void AssertVerbatimCitations(JsonElement message)
    {
        var source = RepositoryFiles.StorySource;
        var citations = message.GetProperty("embeds").EnumerateArray().Where(e => e.TryGetProperty("footer", out _)).ToList();
        Assert.True(citations.Count > 0, message.GetRawText());
        foreach (var embed in citations)
        {
            var quoteLines = embed.GetProperty("description").GetString()!.Split('\n').Where(l => l.StartsWith("> ", StringComparison.Ordinal)).Select(l => l[2..]);
            var quote = DiscordText.Unescape(string.Join('\n', quoteLines));
            Assert.False(string.IsNullOrWhiteSpace(quote));
            Assert.Contains(quote, source, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^Source: stargate-dispute · ¶ \d+ · [-\w]+$"), embed.GetProperty("footer").GetProperty("text").GetString()!);
        }
    }
}
