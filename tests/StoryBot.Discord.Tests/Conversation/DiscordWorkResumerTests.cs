using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Messages;
using StoryBot.Discord.Rest;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests.Conversation;

/// <summary>
/// A run that took in Discord work and ended before finishing it: the next start finds the work in
/// the journal and finishes it once, without answering twice what may already be on Discord.
/// </summary>
public sealed class DiscordWorkResumerTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private readonly InMemoryWorkJournal _journal = new(TimeProvider.System);
    private readonly Mock<IAnswerRecorder> _recorder = new();
    private readonly TaskCompletionSource<PostedMessage> _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeDiscord _discord = null!;

    public DiscordWorkResumerTests() =>
        _recorder.Setup(r => r.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<ChatRequest>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .Callback((PostedMessage message, ChatRequest _, Reply _, CancellationToken _) => _recorded.TrySetResult(message))
            .Returns(Task.CompletedTask);

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task AMessageTakenInBeforeTheRestartIsAnsweredAsAReplyToIt()
    {
        var key = await JournalMessageAsync("1100000000000000501", postingStarted: false);
        await using var host = await StartAsync();

        var post = await _discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"channels/{Payloads.ChannelId}/messages");

        Assert.Equal("1100000000000000501", post.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.True(post.Json.GetProperty("enforce_nonce").GetBoolean());
        Assert.Equal(Payloads.ChannelId, (await _recorded.Task.WaitAsync(FakeDiscord.Patience)).ChannelId);
        await AssertFinishedAsync(key);
    }

    [Fact]
    public async Task AReplyAlreadyInTheChannelIsRecordedAndNotPostedAgain()
    {
        var key = await JournalMessageAsync("1100000000000000502", postingStarted: true);
        _discord.Script(
            r => r.Method == "GET" && r.Path == $"channels/{Payloads.ChannelId}/messages",
            FakeResponse.Ok($$"""
                [{"id": "1100000000000000600", "channel_id": "{{Payloads.ChannelId}}", "type": 19, "content": "",
                  "author": {"id": "{{FakeDiscord.BotUserId}}", "username": "StoryBot", "bot": true},
                  "message_reference": {"type": 0, "message_id": "1100000000000000502", "channel_id": "{{Payloads.ChannelId}}"} },
                 {"id": "1100000000000000599", "channel_id": "{{Payloads.ChannelId}}", "type": 0, "content": "unrelated",
                  "author": {"id": "{{Payloads.UserId}}", "username": "Mason"} }]
                """));
        await using var host = await StartAsync();

        var recorded = await _recorded.Task.WaitAsync(FakeDiscord.Patience);

        Assert.Equal("1100000000000000600", recorded.MessageId);
        var history = Assert.Single(_discord.Requests, r => r.Method == "GET");
        Assert.Contains("after=1100000000000000502", history.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(_discord.Requests, r => r.Method == "POST");
        await AssertFinishedAsync(key);
    }

    [Fact]
    public async Task ADeferredInteractionIsAnsweredByEditingItsThinkingMessage()
    {
        var key = await JournalInteractionAsync(postingStarted: true);
        _discord.Script(
            r => r.Method == "GET" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal),
            FakeResponse.Ok($$"""{"id": "1100000000000000700", "channel_id": "{{Payloads.ChannelId}}", "type": 20, "content": "", "flags": 128, "author": {"id": "{{FakeDiscord.BotUserId}}", "bot": true} }"""));
        await using var host = await StartAsync();

        var edit = await _discord.WaitForRequestAsync(r => r.Method == "PATCH");

        Assert.EndsWith("/messages/@original", edit.Path, StringComparison.Ordinal);
        Assert.Contains(TestReplies.MuskQuote, DiscordText.Unescape(edit.Json.GetProperty("embeds")[1].GetProperty("description").GetString()!), StringComparison.Ordinal);
        await _recorded.Task.WaitAsync(FakeDiscord.Patience);
        await AssertFinishedAsync(key);
    }

    [Fact]
    public async Task AnInteractionAnsweredInlineIsOnlyRecorded()
    {
        var key = await JournalInteractionAsync(postingStarted: true);
        await using var host = await StartAsync();

        var recorded = await _recorded.Task.WaitAsync(FakeDiscord.Patience);

        Assert.Equal(FakeDiscord.OriginalMessageId, recorded.MessageId);
        Assert.DoesNotContain(_discord.Requests, r => r.Method is "PATCH" or "POST");
        await AssertFinishedAsync(key);
    }

    [Fact]
    public async Task AnInteractionNeverAcknowledgedIsClosedWithoutAnAnswer()
    {
        var key = await JournalInteractionAsync(postingStarted: false);
        await using var host = await StartAsync();

        await AssertFinishedAsync(key);
        Assert.Empty(_discord.Requests);
        _recorder.Verify(r => r.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<ChatRequest>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private async Task<string> JournalMessageAsync(string messageId, bool postingStarted)
    {
        var request = new ChatRequest(DiscordPlatform.Name, Payloads.ChannelId, Payloads.UserId, "does Stargate have the money?") { ChannelKind = ChannelKind.Channel };
        var payload = JsonSerializer.Serialize(new IncomingMessage(messageId, FakeDiscord.GuildId, request), DiscordJson.Options);
        return await JournalAsync(DiscordWork.Message, messageId, payload, postingStarted);
    }

    private Task<string> JournalInteractionAsync(bool postingStarted)
    {
        var id = Payloads.NewId();
        return JournalAsync(DiscordWork.Interaction, id, Payloads.SlashCommand("funding", id: id), postingStarted);
    }

    private async Task<string> JournalAsync(string kind, string id, string payload, bool postingStarted)
    {
        var now = TimeProvider.System.GetUtcNow();
        var work = new AcceptedWork($"discord:{kind}:{id}", DiscordPlatform.Name, kind, payload, now.AddSeconds(-30), now.AddMinutes(10));
        Assert.True(await _journal.TryAcceptAsync(work, CancellationToken.None));
        if (postingStarted)
        {
            await _journal.MarkPostingAsync(work.Key, CancellationToken.None);
        }

        return work.Key;
    }

    private Task<BotHost> StartAsync() =>
        BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, services: s =>
        {
            s.AddSingleton<IWorkJournal>(_journal);
            s.AddSingleton(_recorder.Object);
        });

    private async Task AssertFinishedAsync(string key)
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Patience);
        while ((await _journal.UnfinishedAsync(timeout.Token)).Any(w => w.Key == key))
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
