using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Messages;

namespace StoryBot.Discord.Tests.Messages;

public class MessageReaderTests
{
    private const string AnswerId = "1100000000000000900";
    private readonly FakeLogger<MessageReader> _logger = new();
    private readonly Mock<IRecordedAnswers> _recorded = new();
    private AnsweredMessages _answered;
    private readonly DiscordOptions _options = new();
    private MessageReader? _reader;

    private MessageReader Reader => _reader ??= NewReader();

    public MessageReaderTests() => _answered = Answered(recorded: null);

    private static AnsweredMessages Answered(IRecordedAnswers? recorded)
    {
        var time = new FakeTimeProvider();
        var followUps = Options.Create(new FollowUpOptions());
        var answered = new AnsweredMessages(new ConversationMemory(followUps, time), followUps, time, recorded);
        answered.Remember("discord", AnswerId, new ChatRequest("discord", Payloads.ChannelId, Payloads.UserId, "who is altman") { ConversationId = Payloads.UserId });
        return answered;
    }

    /// <summary>With a state store: the answers recorded before a restart are <paramref name="recordedAnswerIds"/>.</summary>
    private void WithRecordedAnswers(params string[] recordedAnswerIds)
    {
        _recorded.Setup(r => r.ContainsAsync("discord", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => recordedAnswerIds.Contains(id));
        _answered = Answered(_recorded.Object);
    }

    private async Task<IncomingMessage?> ReadAsync(string payload) => await Reader.ReadAsync(JsonDocument.Parse(payload).RootElement, CancellationToken.None);

    private MessageReader NewReader()
    {
        var identity = new BotIdentity();
        identity.Set(FakeDiscord.BotUserId);
        var monitor = new Mock<IOptionsMonitor<DiscordOptions>>();
        monitor.Setup(m => m.CurrentValue).Returns(_options);
        return new MessageReader(identity, _answered, monitor.Object, _logger);
    }

    [Fact]
    public async Task AMessageInAThreadStartedFromAnAnswerIsOneConversationGoingOnFromIt()
    {
        _options.FollowUpsWithoutMention = true;

        var request = (await ReadAsync(Payloads.Message("und wann war das?", channelId: AnswerId)))?.Request;

        Assert.NotNull(request);
        Assert.Equal(AnswerId, request.ChannelId);
        Assert.Equal(AnswerId, request.ConversationId);
        Assert.Equal(AnswerId, request.ContinuesFrom);
    }

    [Fact]
    public async Task AMentionInAThreadStartedFromAnAnswerIsInTheThreadsConversationToo()
    {
        var request = (await ReadAsync(Payloads.Message($"<@{FakeDiscord.BotUserId}> und wann war das?", mentionsBot: true, channelId: AnswerId)))?.Request;

        Assert.Equal(AnswerId, request?.ConversationId);
    }

    [Fact]
    public async Task AReplyToTheBotGoesOnFromTheAnswerItRepliesToAndRefersToIt()
    {
        _options.FollowUpsWithoutMention = true;

        var request = (await ReadAsync(Payloads.Reply("und wann war das?", AnswerId)))?.Request;

        Assert.NotNull(request);
        Assert.Equal(AnswerId, request.ConversationId);
        Assert.Equal(AnswerId, request.ContinuesFrom);
        Assert.Equal(AnswerId, request.ReferencedMessageId);
    }

    [Fact]
    public async Task AMentionOnItsOwnIsThePersonsConversationInTheChannel()
    {
        var request = (await ReadAsync(Payloads.Message($"<@{FakeDiscord.BotUserId}> who is altman", mentionsBot: true)))?.Request;

        Assert.Equal(Payloads.UserId, request?.ConversationId);
        Assert.Null(request?.ContinuesFrom);
    }

    [Fact]
    public async Task WithoutTheSettingWhatGoesOnFromAnAnswerUnmentionedIsIgnoredAndSaidOnceInTheLog()
    {
        Assert.Null((await ReadAsync(Payloads.Message("und wann war das?", channelId: AnswerId))));
        Assert.Null((await ReadAsync(Payloads.Reply("und wann war das?", AnswerId))));

        var hint = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Contains("Discord:FollowUpsWithoutMention", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheSettingAPingingReplyIsAMentionAndAnswered()
    {
        var request = (await ReadAsync(Payloads.Reply("und wann war das?", AnswerId, ping: true)))?.Request;

        Assert.Equal(AnswerId, request?.ContinuesFrom);
    }

    [Fact]
    public async Task AnUnmentionedMessageWithoutContentIsIgnoredEvenInTheAnswersThread()
    {
        _options.FollowUpsWithoutMention = true;

        Assert.Null((await ReadAsync(Payloads.Message(string.Empty, channelId: AnswerId))));
    }

    [Fact]
    public async Task UnmentionedMessagesElsewhereAreIgnoredWithoutAHint()
    {
        _options.FollowUpsWithoutMention = true;

        Assert.Null((await ReadAsync(Payloads.Message("who is altman", channelId: Payloads.NewId()))));
        Assert.Null((await ReadAsync(Payloads.Reply("who is altman", Payloads.NewId(), referencedAuthorId: "80351110224678913"))));
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task ADirectMessageReplyStaysInThePersonsConversation()
    {
        var request = (await ReadAsync(Payloads.Reply("und wann war das?", AnswerId, guildId: null)))?.Request;

        Assert.Equal(Payloads.UserId, request?.ConversationId);
        Assert.Null(request?.ContinuesFrom);
    }

    [Fact]
    public async Task AMessageInAThreadStartedFromAnAnswerRecordedBeforeARestartGoesOnFromItWithoutAMention()
    {
        const string OldAnswerId = "1100000000000000800";
        _options.FollowUpsWithoutMention = true;
        WithRecordedAnswers(OldAnswerId);

        var request = (await ReadAsync(Payloads.Message("und wann war das?", channelId: OldAnswerId)))?.Request;

        Assert.NotNull(request);
        Assert.Equal(OldAnswerId, request.ConversationId);
        Assert.Equal(OldAnswerId, request.ContinuesFrom);
    }

    [Fact]
    public async Task TheRecordedAnswersAreAskedOncePerChannelAndNotForWhatTheBotWouldNotAnswer()
    {
        WithRecordedAnswers();
        var channel = Payloads.NewId();

        Assert.Null(await ReadAsync(Payloads.Message("who is altman", channelId: channel)));
        _recorded.VerifyNoOtherCalls();

        _options.FollowUpsWithoutMention = true;
        Assert.Null(await ReadAsync(Payloads.Message("who is altman", channelId: channel)));
        Assert.Null(await ReadAsync(Payloads.Message("who is musk", channelId: channel)));
        Assert.NotNull(await ReadAsync(Payloads.Message($"<@{FakeDiscord.BotUserId}> who is musk", mentionsBot: true, channelId: channel)));

        _recorded.Verify(r => r.ContainsAsync("discord", channel, It.IsAny<CancellationToken>()), Times.Once);
        _recorded.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task AThreadKnownInMemoryIsNotLookedUp()
    {
        _options.FollowUpsWithoutMention = true;
        WithRecordedAnswers();

        Assert.NotNull(await ReadAsync(Payloads.Message("und wann war das?", channelId: AnswerId)));

        _recorded.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task WhenTheRecordedAnswersCannotBeReadAnUnmentionedMessageInAnUnknownThreadIsIgnored()
    {
        _options.FollowUpsWithoutMention = true;
        _recorded.Setup(r => r.ContainsAsync("discord", It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("store down"));
        _answered = Answered(_recorded.Object);

        Assert.Null(await ReadAsync(Payloads.Message("und wann war das?", channelId: "1100000000000000800")));
    }
}
