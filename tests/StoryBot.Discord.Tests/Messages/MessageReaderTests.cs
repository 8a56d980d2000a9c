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
    private readonly AnsweredMessages _answered;
    private readonly DiscordOptions _options = new();
    private MessageReader? _reader;

    private MessageReader Reader => _reader ??= NewReader();

    public MessageReaderTests()
    {
        var time = new FakeTimeProvider();
        var followUps = Options.Create(new FollowUpOptions());
        _answered = new AnsweredMessages(new ConversationMemory(followUps, time), followUps, time);
        _answered.Remember("discord", AnswerId, new ChatRequest("discord", Payloads.ChannelId, Payloads.UserId, "who is altman") { ConversationId = Payloads.UserId });
    }

    private IncomingMessage? Read(string payload) => Reader.Read(JsonDocument.Parse(payload).RootElement);

    private MessageReader NewReader()
    {
        var identity = new BotIdentity();
        identity.Set(FakeDiscord.BotUserId);
        var monitor = new Mock<IOptionsMonitor<DiscordOptions>>();
        monitor.Setup(m => m.CurrentValue).Returns(_options);
        return new MessageReader(identity, _answered, monitor.Object, _logger);
    }

    [Fact]
    public void AMessageInAThreadStartedFromAnAnswerIsOneConversationGoingOnFromIt()
    {
        _options.FollowUpsWithoutMention = true;

        var request = Read(Payloads.Message("und wann war das?", channelId: AnswerId))?.Request;

        Assert.NotNull(request);
        Assert.Equal(AnswerId, request.ChannelId);
        Assert.Equal(AnswerId, request.ConversationId);
        Assert.Equal(AnswerId, request.ContinuesFrom);
    }

    [Fact]
    public void AMentionInAThreadStartedFromAnAnswerIsInTheThreadsConversationToo()
    {
        var request = Read(Payloads.Message($"<@{FakeDiscord.BotUserId}> und wann war das?", mentionsBot: true, channelId: AnswerId))?.Request;

        Assert.Equal(AnswerId, request?.ConversationId);
    }

    [Fact]
    public void AReplyToTheBotGoesOnFromTheAnswerItRepliesToAndRefersToIt()
    {
        _options.FollowUpsWithoutMention = true;

        var request = Read(Payloads.Reply("und wann war das?", AnswerId))?.Request;

        Assert.NotNull(request);
        Assert.Equal(AnswerId, request.ConversationId);
        Assert.Equal(AnswerId, request.ContinuesFrom);
        Assert.Equal(AnswerId, request.ReferencedMessageId);
    }

    [Fact]
    public void AMentionOnItsOwnIsThePersonsConversationInTheChannel()
    {
        var request = Read(Payloads.Message($"<@{FakeDiscord.BotUserId}> who is altman", mentionsBot: true))?.Request;

        Assert.Equal(Payloads.UserId, request?.ConversationId);
        Assert.Null(request?.ContinuesFrom);
    }

    [Fact]
    public void WithoutTheSettingWhatGoesOnFromAnAnswerUnmentionedIsIgnoredAndSaidOnceInTheLog()
    {
        Assert.Null(Read(Payloads.Message("und wann war das?", channelId: AnswerId)));
        Assert.Null(Read(Payloads.Reply("und wann war das?", AnswerId)));

        var hint = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Contains("Discord:FollowUpsWithoutMention", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheSettingAPingingReplyIsAMentionAndAnswered()
    {
        var request = Read(Payloads.Reply("und wann war das?", AnswerId, ping: true))?.Request;

        Assert.Equal(AnswerId, request?.ContinuesFrom);
    }

    [Fact]
    public void AnUnmentionedMessageWithoutContentIsIgnoredEvenInTheAnswersThread()
    {
        _options.FollowUpsWithoutMention = true;

        Assert.Null(Read(Payloads.Message(string.Empty, channelId: AnswerId)));
    }

    [Fact]
    public void UnmentionedMessagesElsewhereAreIgnoredWithoutAHint()
    {
        _options.FollowUpsWithoutMention = true;

        Assert.Null(Read(Payloads.Message("who is altman", channelId: Payloads.NewId())));
        Assert.Null(Read(Payloads.Reply("who is altman", Payloads.NewId(), referencedAuthorId: "80351110224678913")));
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public void ADirectMessageReplyStaysInThePersonsConversation()
    {
        var request = Read(Payloads.Reply("und wann war das?", AnswerId, guildId: null))?.Request;

        Assert.Equal(Payloads.UserId, request?.ConversationId);
        Assert.Null(request?.ContinuesFrom);
    }
}
