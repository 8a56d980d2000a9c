using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

/// <summary>
/// Threads and replies over the Gateway, on the real chat bot and knowledge pack, with
/// <c>Discord:FollowUpsWithoutMention</c> on: what goes on from the bot's answer is answered where
/// it was written, with that answer's conversation; other threads only when they mention the bot.
/// </summary>
public sealed class ThreadEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private FakeDiscord _discord = null!;
    private BotHost _host = null!;
    private FakeGatewayConnection _gateway = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = RepositoryFiles.Knowledge,
            ["Knowledge:Reload"] = "false",
            ["Discord:FollowUpsWithoutMention"] = "true",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _host = await BotHost.StartAsync(_discord, _signer, bot: null, runGateway: true, settings: settings, services: services => services.AddStoryCore(configuration));
        _gateway = await _discord.NextGatewayConnectionAsync();
        await _gateway.SendHelloAsync();
        await _gateway.ReceiveAsync();
        await _gateway.SendReadyAsync("session-threads", _discord.ResumeGatewayUrl);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task AnUnmentionedFollowUpInAThreadStartedFromTheAnswerIsAnsweredThereWithTheAnswersContext()
    {
        var answer = await AskAsync("Wie viel Geld hat SoftBank laut Musk?");

        await _gateway.DispatchAsync("THREAD_CREATE", Payloads.ThreadCreated(answer.Id));
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message("und wann war das?", channelId: answer.Id, id: "1100000000000000102"));
        var followUp = await _discord.WaitForReplyToAsync("1100000000000000102");

        Assert.Equal($"channels/{answer.Id}/messages", followUp.Path);
        Assert.Empty(followUp.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Contains(Cited(answer.Post.Json)[0], Cited(followUp.Json));
    }

    [Fact]
    public async Task WithoutTheAnswersContextTheSameWordsAreNotAnsweredFromIt()
    {
        var answer = await AskAsync("Wie viel Geld hat SoftBank laut Musk?");

        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> und wann war das?", mentionsBot: true, authorId: "80351110224678913", id: "1100000000000000112"));
        var unrelated = await _discord.WaitForReplyToAsync("1100000000000000112");

        Assert.DoesNotContain(Cited(answer.Post.Json)[0], Cited(unrelated.Json));
    }

    [Fact]
    public async Task AnUnmentionedMessageInAThreadTheBotDidNotStartIsIgnored()
    {
        var starter = Payloads.NewId();
        await _gateway.DispatchAsync("THREAD_CREATE", Payloads.ThreadCreated(starter));
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message("who is sam altman?", channelId: starter, id: "1100000000000000121"));
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> who is elon musk?", mentionsBot: true, channelId: starter, id: "1100000000000000122"));

        var mentioned = await _discord.WaitForReplyToAsync("1100000000000000122");

        Assert.Equal($"channels/{starter}/messages", mentioned.Path);
        Assert.DoesNotContain(_discord.Requests, r => FakeDiscord.RepliesTo(r) == "1100000000000000121");
    }

    [Fact]
    public async Task AReplyToTheAnswerIsAnsweredAsAReplyGoingOnFromTheAnswer()
    {
        var answer = await AskAsync("Wie viel Geld hat SoftBank laut Musk?");

        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Reply("und wann war das?", answer.Id, authorId: "80351110224678913", id: "1100000000000000132"));
        var reply = await _discord.WaitForReplyToAsync("1100000000000000132");

        Assert.Equal($"channels/{Payloads.ChannelId}/messages", reply.Path);
        var mentions = reply.Json.GetProperty("allowed_mentions");
        Assert.Empty(mentions.GetProperty("parse").EnumerateArray());
        Assert.False(mentions.TryGetProperty("replied_user", out var ping) && ping.GetBoolean());
        Assert.Contains(Cited(answer.Post.Json)[0], Cited(reply.Json));
    }

    [Fact]
    public async Task AReplyToSomeoneElsesMessageIsIgnored()
    {
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Reply("who is sam altman?", Payloads.NewId(), referencedAuthorId: "80351110224678913", id: "1100000000000000141"));
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> who is elon musk?", mentionsBot: true, id: "1100000000000000142"));

        await _discord.WaitForReplyToAsync("1100000000000000142");

        Assert.DoesNotContain(_discord.Requests, r => FakeDiscord.RepliesTo(r) == "1100000000000000141");
    }

    /// <summary>Asks with a mention in the channel; returns the answer once the bot has kept it as its own.</summary>
    private async Task<(string Id, RecordedRequest Post)> AskAsync(string question)
    {
        var id = Payloads.NewId();
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> {question}", mentionsBot: true, id: id));
        var post = await _discord.WaitForReplyToAsync(id);
        var answerId = _discord.LastCreatedMessageId(post);
        var answered = _host.Services.GetRequiredService<AnsweredMessages>();
        using var patience = new CancellationTokenSource(FakeDiscord.Patience);
        while (!answered.Contains("discord", answerId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, patience.Token);
        }

        return (answerId, post);
    }

    /// <summary>The excerpt ids the message cites, from its citation embeds' footers.</summary>
    private static List<string> Cited(JsonElement message) =>
        [.. message.GetProperty("embeds").EnumerateArray()
            .Where(e => e.TryGetProperty("footer", out _))
            .Select(e => e.GetProperty("footer").GetProperty("text").GetString()!.Split(" · ")[^1])];
}
