using Microsoft.Extensions.DependencyInjection;
using StoryBot.Discord.Tests.Fakes;
using StoryBot.State.Moderation;

namespace StoryBot.Discord.Tests;

/// <summary>
/// Follow-ups without a mention (<c>Discord:FollowUpsWithoutMention</c>) to an answer posted before
/// a restart, with SQLite state: the new process keeps nothing in memory, and knows the answer from
/// what was recorded when it was posted.
/// </summary>
public sealed class FollowUpsAfterARestartTests : IAsyncLifetime
{
    private StatefulBot _bot = null!;
    private FakeGatewayConnection _gateway = null!;

    public async Task InitializeAsync()
    {
        _bot = await StatefulBot.StartAsync(runGateway: true, new Dictionary<string, string?> { ["Discord:FollowUpsWithoutMention"] = "true" });
        _gateway = await ConnectAsync();
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task AnUnmentionedMessageInAThreadStartedFromAnAnswerFromBeforeTheRestartIsAnsweredInTheThread()
    {
        var answerId = await AnswerBeforeARestartAsync();

        await _gateway.DispatchAsync("THREAD_CREATE", Payloads.ThreadCreated(answerId));
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message("who is sam altman?", channelId: answerId, id: "1100000000000000302"));
        var followUp = await _bot.Discord.WaitForReplyToAsync("1100000000000000302");

        Assert.Equal($"channels/{answerId}/messages", followUp.Path);
        Assert.Empty(followUp.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Fact]
    public async Task AnUnmentionedReplyToAnAnswerFromBeforeTheRestartIsAnsweredAsAReplyThere()
    {
        var answerId = await AnswerBeforeARestartAsync();

        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Reply("who is sam altman?", answerId, authorId: "80351110224678913", id: "1100000000000000312"));
        var reply = await _bot.Discord.WaitForReplyToAsync("1100000000000000312");

        Assert.Equal($"channels/{Payloads.ChannelId}/messages", reply.Path);
    }

    [Fact]
    public async Task AnUnmentionedMessageInAThreadStartedFromSomeoneElsesMessageIsStillIgnored()
    {
        await AnswerBeforeARestartAsync();
        var starter = Payloads.NewId();

        await _gateway.DispatchAsync("THREAD_CREATE", Payloads.ThreadCreated(starter));
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message("who is sam altman?", channelId: starter, id: "1100000000000000321"));
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> who is elon musk?", mentionsBot: true, channelId: starter, id: "1100000000000000322"));
        await _bot.Discord.WaitForReplyToAsync("1100000000000000322");

        Assert.DoesNotContain(_bot.Discord.Requests, r => FakeDiscord.RepliesTo(r) == "1100000000000000321");
    }

    /// <summary>Asks with a mention, waits until the answer is recorded, and restarts the bot; returns the answer's message id.</summary>
    private async Task<string> AnswerBeforeARestartAsync()
    {
        var question = Payloads.NewId();
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> Wie viel Geld hat SoftBank laut Musk?", mentionsBot: true, id: question));
        var answerId = _bot.Discord.LastCreatedMessageId(await _bot.Discord.WaitForReplyToAsync(question));
        var answers = _bot.Host.Services.GetRequiredService<AnswerLog>();
        using (var patience = new CancellationTokenSource(FakeDiscord.Patience))
        {
            while (await answers.FindByMessageAsync("discord", Payloads.ChannelId, answerId, patience.Token) is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, patience.Token);
            }
        }

        await _bot.RestartAsync();
        _gateway = await ConnectAsync();
        return answerId;
    }

    /// <summary>
    /// The bot's next Gateway connection, ready: a restarted bot that saved a session it may resume
    /// resumes it; one whose session is gone (closed at stop) identifies afresh, on a new connection.
    /// </summary>
    private async Task<FakeGatewayConnection> ConnectAsync()
    {
        while (true)
        {
            var connection = await _bot.Discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();
            var first = await connection.ReceiveAsync();
            if (first.GetProperty("op").GetInt32() != 6)
            {
                await connection.SendReadyAsync(Payloads.NewId(), _bot.Discord.ResumeGatewayUrl);
                return connection;
            }

            if (await connection.AnswerResumeAsync(first))
            {
                return connection;
            }
        }
    }
}
