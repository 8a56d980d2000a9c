using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

public sealed class ChannelPosterTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private FakeDiscord _discord = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task PostingCreatesAChannelMessageAndReturnsItsId()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());

        var posted = (await poster.PostAsync("333333333333333333", TestReplies.Answer(), CancellationToken.None)).Message!;

        var request = Assert.Single(_discord.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("channels/333333333333333333/messages", request.Path);
        Assert.Empty(request.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Equal("discord", posted.Platform);
        Assert.Equal("333333333333333333", posted.ChannelId);
        Assert.Equal(2, request.Json.GetProperty("embeds").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(posted.MessageId));
    }

    [Fact]
    public async Task EditingACorrectionPatchesThatMessageWithTheWithdrawnQuoteStruck()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());
        var answer = TestReplies.Answer();
        var corrected = answer with { Citations = [answer.Citations[0] with { Withdrawn = true }] };

        await poster.EditAsync(new PostedMessage("discord", "333333333333333333", "1100000000000000444"), corrected, CancellationToken.None);

        var request = Assert.Single(_discord.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("channels/333333333333333333/messages/1100000000000000444", request.Path);
        Assert.StartsWith("> ~~", request.Json.GetProperty("embeds")[1].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Empty(request.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Fact]
    public async Task AQuoteWithdrawnFromALaterMessageOfALongAnswerIsNamedInAReplyToTheAnswer()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());
        var corrected = LongAnswer(withdrawnNumber: 11);

        await poster.EditAsync(new PostedMessage("discord", "333333333333333333", "1100000000000000444"), corrected, CancellationToken.None);

        var requests = _discord.Requests.ToList();
        Assert.Equal(2, requests.Count);
        var edit = requests[0];
        Assert.Equal(("PATCH", "channels/333333333333333333/messages/1100000000000000444"), (edit.Method, edit.Path));
        var notice = requests[1];
        Assert.Equal(("POST", "channels/333333333333333333/messages"), (notice.Method, notice.Path));
        Assert.Equal("1100000000000000444", notice.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Contains("quote 11 (paragraph 5) of the answer above", DiscordText.Unescape(notice.Json.GetProperty("embeds")[0].GetProperty("description").GetString()!), StringComparison.Ordinal);
        Assert.Empty(notice.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Fact]
    public async Task AQuoteWithdrawnFromTheFirstMessageNeedsOnlyTheEdit()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());

        await poster.EditAsync(new PostedMessage("discord", "333333333333333333", "1100000000000000444"), LongAnswer(withdrawnNumber: 2), CancellationToken.None);

        var edit = Assert.Single(_discord.Requests);
        Assert.Equal("PATCH", edit.Method);
    }

    /// <summary>An answer with eleven citations: more embeds than one Discord message holds.</summary>
    private static Core.Answering.Reply LongAnswer(int withdrawnNumber)
    {
        var answer = TestReplies.Answer();
        var citation = answer.Citations[0];
        return answer with
        {
            Citations = [.. Enumerable.Range(1, 11).Select(n => citation with { Id = $"excerpt-{n}", Withdrawn = n == withdrawnNumber })],
        };
    }

    [Fact]
    public async Task APostWhoseResponseWasLostIsRetriedWithTheSameNonceAndCreatedOnce()
    {
        await using var host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, settings: new Dictionary<string, string?>
        {
            ["Discord:RestTimeout"] = "00:00:01",
        });
        var poster = Assert.Single(host.Services.GetServices<IChannelPoster>());
        _discord.Script(r => r.Path == "channels/444444444444444444/messages", FakeResponse.Late(TimeSpan.FromSeconds(30)));

        var posted = (await poster.PostOnceAsync("444444444444444444", TestReplies.Answer(), "summary daily 2026-06-01T07:00:00.0000000+00:00", CancellationToken.None)).Message!;

        var sends = _discord.Requests.Where(r => r.Path == "channels/444444444444444444/messages").ToList();
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0].Json.GetProperty("nonce").GetString(), sends[1].Json.GetProperty("nonce").GetString());
        Assert.True(sends[1].Json.GetProperty("enforce_nonce").GetBoolean());
        Assert.Equal(_discord.LastCreatedMessageId(sends[0]), posted.MessageId);
    }

    [Fact]
    public async Task TheSameKeyGivesTheSameNonceAndAnotherKeyAnother()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());

        var first = (await poster.PostOnceAsync("333333333333333333", TestReplies.Answer(), "summary daily 2026-06-01", CancellationToken.None)).Message!;
        var again = (await poster.PostOnceAsync("333333333333333333", TestReplies.Answer(), "summary daily 2026-06-01", CancellationToken.None)).Message!;
        var next = (await poster.PostOnceAsync("333333333333333333", TestReplies.Answer(), "summary daily 2026-06-02", CancellationToken.None)).Message!;

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.MessageId, next.MessageId);
        Assert.All(_discord.Requests.Where(r => r.Method == "POST"), r => Assert.InRange(r.Json.GetProperty("nonce").GetString()!.Length, 1, 25));
    }

    [Fact]
    public async Task APostMadeOnceCarriesItsMessagesLinkAskingForTheChannelsServerOnce()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());

        var first = await poster.PostOnceAsync("333333333333333333", TestReplies.Answer(), "summary daily 2026-06-01", CancellationToken.None);
        var next = await poster.PostOnceAsync("333333333333333333", TestReplies.Answer(), "summary daily 2026-06-02", CancellationToken.None);

        Assert.Equal($"https://discord.com/channels/{FakeDiscord.GuildId}/333333333333333333/{first.Message!.MessageId}", first.Permalink);
        Assert.Equal($"https://discord.com/channels/{FakeDiscord.GuildId}/333333333333333333/{next.Message!.MessageId}", next.Permalink);
        Assert.Single(_discord.Requests, r => r.Method == "GET" && r.Path == "channels/333333333333333333");
    }

    [Fact]
    public async Task APostWhoseChannelCannotBeReadIsPostedWithoutALink()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());
        _discord.Script(r => r.Method == "GET" && r.Path == "channels/444444444444444444", new FakeResponse(403, """{"message": "Missing Access", "code": 50001}"""));

        var result = await poster.PostOnceAsync("444444444444444444", TestReplies.Answer(), "summary daily 2026-06-01", CancellationToken.None);

        Assert.True(result.IsPosted);
        Assert.Null(result.Permalink);
    }

    [Theory]
    [InlineData(403, """{"message": "Missing Access", "code": 50001}""", PostOutcome.Permanent)]
    [InlineData(404, """{"message": "Unknown Message", "code": 10008}""", PostOutcome.Permanent)]
    [InlineData(503, """{"message": "upstream unavailable"}""", PostOutcome.Transient)]
    public async Task DiscordsAnswersComeBackAsResultsThatSayWhetherToTryAgain(int status, string body, PostOutcome outcome)
    {
        await using var host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, settings: new Dictionary<string, string?>
        {
            ["Discord:MaxRestAttempts"] = "1",
        });
        var poster = Assert.Single(host.Services.GetServices<IChannelPoster>());
        _discord.Script(r => r.Method == "PATCH", new FakeResponse(status, body));

        var result = await poster.EditAsync(new PostedMessage("discord", "333333333333333333", "1100000000000000444"), TestReplies.Answer(), CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeDiscord.Token, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ADiscordMessageShowsNineQuotes()
    {
        Assert.Equal(9, Assert.Single(_host.Services.GetServices<IChannelPoster>()).Limits.MaxCitations);
    }
}
