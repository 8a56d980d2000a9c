using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Rest;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

public sealed partial class GatewayTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private readonly Mock<IChatBot> _bot = BotHost.ChatBot(TestReplies.Answer());
    private readonly FakeLoggerProvider _logs = new();
    private FakeDiscord _discord = null!;
    private BotHost? _host;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _discord.DisposeAsync();
    }

    public void Dispose()
    {
        _signer.Dispose();
        _logs.Dispose();
    }

    public sealed class Sessions : IAsyncLifetime, IDisposable
    {
        private readonly GatewayTests _t = new();

        public Task InitializeAsync() => _t.InitializeAsync();

        public Task DisposeAsync() => _t.DisposeAsync();

        public void Dispose() => _t.Dispose();

        [Fact]
        public async Task IdentifiesWithTheLeastIntentsThatWorkAndTheToken()
        {
            await _t.StartBotAsync();
            var connection = await _t._discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();

            var identify = await connection.ReceiveAsync();

            Assert.Equal("/gateway", connection.Path);
            Assert.Equal(2, identify.GetProperty("op").GetInt32());
            var d = identify.GetProperty("d");
            Assert.Equal(4609, d.GetProperty("intents").GetInt32());
            Assert.Equal(FakeDiscord.Token, d.GetProperty("token").GetString());
            Assert.Equal("[0,1]", d.GetProperty("shard").GetRawText());
            var locate = Assert.Single(_t._discord.Requests, r => r.Path == "gateway/bot");
            Assert.Equal($"Bot {FakeDiscord.Token}", locate.Header("Authorization"));
            Assert.StartsWith("DiscordBot (https://", locate.Header("User-Agent"), StringComparison.Ordinal);
        }

        [Fact]
        public async Task AskChannelsAddTheMessageContentIntentOnly()
        {
            await _t.StartBotAsync(new Dictionary<string, string?> { ["Discord:AskChannelIds:0"] = "222222222222222222" });
            var connection = await _t._discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();

            var identify = await connection.ReceiveAsync();

            Assert.Equal(4609 | 32768, identify.GetProperty("d").GetProperty("intents").GetInt32());
        }

        [Fact]
        public async Task FollowUpsWithoutMentionAddTheMessageContentIntent()
        {
            await _t.StartBotAsync(new Dictionary<string, string?> { ["Discord:FollowUpsWithoutMention"] = "true" });
            var connection = await _t._discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();

            var identify = await connection.ReceiveAsync();

            Assert.Equal(4609 | 32768, identify.GetProperty("d").GetProperty("intents").GetInt32());
        }

        [Fact]
        public async Task TheFirstHeartbeatComesAfterARandomShareOfTheInterval()
        {
            var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
            await _t.StartBotAsync(services: s =>
            {
                s.AddSingleton<TimeProvider>(time);
                s.AddSingleton(new DiscordTimings { Jitter = () => 0.5, HelloTimeout = TimeSpan.FromHours(1) });
            });
            var connection = await _t._discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync(heartbeatIntervalMs: 10_000);
            Assert.Equal(2, (await connection.ReceiveAsync()).GetProperty("op").GetInt32());

            time.Advance(TimeSpan.FromMilliseconds(4_900));
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
            Assert.Equal(0, connection.HeartbeatsReceived);

            var heartbeat = connection.WaitForHeartbeatAsync();
            time.Advance(TimeSpan.FromMilliseconds(100));
            var beat = await heartbeat;
            Assert.Equal(1, connection.HeartbeatsReceived);

            // Before READY there is no sequence yet: Discord's shape is then d: null, not a missing d.
            Assert.Equal(JsonValueKind.Null, beat.GetProperty("d").ValueKind);
        }

        [Fact]
        public async Task AConfiguredGatewayUrlStillWaitsOutASpentDailyIdentifyBudget()
        {
            var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
            _t._discord.Script(r => r.Path == "gateway/bot", FakeResponse.Ok("""
                {"url": "wss://gateway.discord.gg", "shards": 1,
                 "session_start_limit": {"total": 1000, "remaining": 0, "reset_after": 60000, "max_concurrency": 1} }
                """));
            await _t.StartBotAsync(new Dictionary<string, string?> { ["Discord:GatewayUrl"] = _t._discord.GatewayUrl }, s =>
            {
                s.AddSingleton<TimeProvider>(time);

                // Fake time races ahead: neither a HELLO timeout nor a missed heartbeat ACK may end the connection first.
                s.AddSingleton(new DiscordTimings { HelloTimeout = TimeSpan.FromHours(1) });
            });
            var connection = await _t._discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync(heartbeatIntervalMs: 3_600_000);

            var identify = connection.ReceiveAsync();
            var advanced = TimeSpan.Zero;
            while (!identify.IsCompleted && advanced < TimeSpan.FromMinutes(5))
            {
                time.Advance(TimeSpan.FromMilliseconds(250));
                advanced += TimeSpan.FromMilliseconds(250);
                await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
            }

            Assert.Equal("/gateway", connection.Path);
            Assert.Equal(2, (await identify).GetProperty("op").GetInt32());
            Assert.True(advanced >= TimeSpan.FromSeconds(60), $"identified after {advanced}");
        }

        [Fact]
        public async Task ReconnectRequestResumesOnTheResumeGatewayUrl()
        {
            await _t.StartBotAsync();
            var first = await _t.ConnectReadyAsync("session-reconnect");
            await first.DispatchAsync("GUILD_CREATE", $$"""{"id": "{{FakeDiscord.GuildId}}", "name": "Story", "channels": []}""");

            await first.SendAsync("""{"op": 7, "d": null}""");

            var closeCode = await first.Closed.WaitAsync(FakeDiscord.Patience);
            Assert.NotEqual(1000, closeCode);
            Assert.NotEqual(1001, closeCode);
            var second = await _t._discord.NextGatewayConnectionAsync();
            Assert.Equal("/resume-gateway", second.Path);
            await second.SendHelloAsync();
            var resume = await second.ReceiveAsync();
            Assert.Equal(6, resume.GetProperty("op").GetInt32());
            Assert.Equal("session-reconnect", resume.GetProperty("d").GetProperty("session_id").GetString());
            Assert.Equal(2, resume.GetProperty("d").GetProperty("seq").GetInt32());
            Assert.Equal(FakeDiscord.Token, resume.GetProperty("d").GetProperty("token").GetString());
            Assert.NotEmpty(_t.TokenFreeLogs());
        }

        [Fact]
        public async Task MissingHeartbeatAckMakesAZombieThatIsResumed()
        {
            await _t.StartBotAsync();
            var first = await _t._discord.NextGatewayConnectionAsync();
            first.AcknowledgeHeartbeats = false;
            // Long enough that READY is in before the first unanswered beat, even on a loaded machine.
            await first.SendHelloAsync(heartbeatIntervalMs: 5000);
            await first.ReceiveAsync();
            await first.SendReadyAsync("session-zombie", _t._discord.ResumeGatewayUrl);

            var closeCode = await first.Closed.WaitAsync(FakeDiscord.Patience);

            Assert.True(first.HeartbeatsReceived >= 1);
            Assert.NotEqual(1000, closeCode);
            var second = await _t._discord.NextGatewayConnectionAsync();
            Assert.Equal("/resume-gateway", second.Path);
            await second.SendHelloAsync();
            var resume = await second.ReceiveAsync();
            Assert.Equal(6, resume.GetProperty("op").GetInt32());
            Assert.Equal("session-zombie", resume.GetProperty("d").GetProperty("session_id").GetString());
        }

        [Fact]
        public async Task InvalidSessionThatCannotResumeIdentifiesAfresh()
        {
            await _t.StartBotAsync();
            var first = await _t.ConnectReadyAsync("session-invalid");

            await first.SendAsync("""{"op": 9, "d": false}""");

            var second = await _t._discord.NextGatewayConnectionAsync();
            Assert.Equal("/gateway", second.Path);
            await second.SendHelloAsync();
            Assert.Equal(2, (await second.ReceiveAsync()).GetProperty("op").GetInt32());
        }

        [Fact]
        public async Task InvalidSessionWaitsBeforeIdentifyingAfresh()
        {
            var wait = TimeSpan.FromMilliseconds(700);
            await _t.StartBotAsync(services: s => s.AddSingleton(new DiscordTimings
            {
                ReconnectBase = TimeSpan.FromMilliseconds(20),
                ReconnectCap = TimeSpan.FromMilliseconds(200),
                InvalidSessionMinWait = wait,
                InvalidSessionMaxWait = wait + TimeSpan.FromMilliseconds(100),
            }));
            var first = await _t.ConnectReadyAsync("session-invalid-wait");
            var clock = System.Diagnostics.Stopwatch.StartNew();

            await first.SendAsync("""{"op": 9, "d": false}""");

            var second = await _t._discord.NextGatewayConnectionAsync();
            Assert.True(clock.Elapsed >= wait, $"reconnected after {clock.Elapsed}");
            Assert.Equal("/gateway", second.Path);
        }

        [Fact]
        public async Task ResumableInvalidSessionResumes()
        {
            await _t.StartBotAsync();
            var first = await _t.ConnectReadyAsync("session-resumable");

            await first.SendAsync("""{"op": 9, "d": true}""");

            var second = await _t._discord.NextGatewayConnectionAsync();
            Assert.Equal("/resume-gateway", second.Path);
            await second.SendHelloAsync();
            Assert.Equal(6, (await second.ReceiveAsync()).GetProperty("op").GetInt32());
        }

        [Theory]
        [InlineData(4007)]
        [InlineData(4009)]
        public async Task SessionEndingCloseCodesIdentifyAfresh(int code)
        {
            await _t.StartBotAsync();
            var first = await _t.ConnectReadyAsync("session-ended");

            await first.CloseAsync(code);

            var second = await _t._discord.NextGatewayConnectionAsync();
            Assert.Equal("/gateway", second.Path);
            await second.SendHelloAsync();
            Assert.Equal(2, (await second.ReceiveAsync()).GetProperty("op").GetInt32());
        }

        [Fact]
        public async Task DroppedConnectionResumes()
        {
            await _t.StartBotAsync();
            var first = await _t.ConnectReadyAsync("session-dropped");

            await first.CloseAsync(4000);

            var second = await _t._discord.NextGatewayConnectionAsync();
            Assert.Equal("/resume-gateway", second.Path);
        }

        [Fact]
        public async Task AfterAResumeHeartbeatsCarryTheLastSequenceReceived()
        {
            await _t.StartBotAsync();
            var first = await _t.ConnectReadyAsync("session-beats", heartbeatIntervalMs: 3_600_000);
            await first.DispatchAsync("GUILD_CREATE", $$"""{"id": "{{FakeDiscord.GuildId}}", "name": "Story", "channels": []}""");
            await first.SendAsync("""{"op": 7, "d": null}""");
            var second = await _t._discord.NextGatewayConnectionAsync();
            await second.SendHelloAsync(heartbeatIntervalMs: 3_600_000);
            Assert.True(await second.AnswerResumeAsync(await second.ReceiveAsync()));
            await second.DispatchAsync("GUILD_UPDATE", $$"""{"id": "{{FakeDiscord.GuildId}}", "name": "Story"}""");

            // Frames are read in order, so the beat asked for now follows everything sent before it.
            var beat = second.WaitForHeartbeatAsync();
            await second.SendAsync("""{"op": 1, "d": null}""");

            // READY 1, GUILD_CREATE 2, RESUMED 3, GUILD_UPDATE 4.
            Assert.Equal(4, (await beat).GetProperty("d").GetInt64());
        }

        [Fact]
        public async Task AuthenticationFailedStopsTheGatewayAndDisablesDiscordWithoutRetrying()
        {
            await _t.StartBotAsync();
            var connection = await _t._discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();
            await connection.ReceiveAsync();

            await connection.CloseAsync(4004, "Authentication failed.");

            await _t.GatewayService().ExecuteTask!.WaitAsync(FakeDiscord.Patience);
            Assert.True(_t._host!.Services.GetRequiredService<DiscordPlatformStatus>().IsDisabled);
            Assert.Equal(1, _t._discord.GatewayConnectionCount);
            Assert.Single(_t.TokenFreeLogs(), l => l.Level == LogLevel.Error && l.Message.Contains("4004", StringComparison.Ordinal) && l.Message.Contains("Discord:Token", StringComparison.Ordinal));
        }

        [Fact]
        public async Task DisallowedIntentsNameTheSettingsThatAskForMessageContent()
        {
            await _t.StartBotAsync(new Dictionary<string, string?> { ["Discord:FollowUpsWithoutMention"] = "true" });
            var connection = await _t._discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();
            await connection.ReceiveAsync();

            await connection.CloseAsync(4014, "Disallowed intent(s).");

            await _t.GatewayService().ExecuteTask!.WaitAsync(FakeDiscord.Patience);
            Assert.Single(_t.TokenFreeLogs(), l => l.Level == LogLevel.Error && l.Message.Contains("4014", StringComparison.Ordinal) && l.Message.Contains("Discord:FollowUpsWithoutMention", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(4010)]
        [InlineData(4012)]
        [InlineData(4013)]
        [InlineData(4014)]
        public async Task FatalCloseCodesStopTheGatewayOnly(int code)
        {
            await _t.StartBotAsync();
            var connection = await _t._discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();
            await connection.ReceiveAsync();

            await connection.CloseAsync(code);

            await _t.GatewayService().ExecuteTask!.WaitAsync(FakeDiscord.Patience);
            Assert.Equal(1, _t._discord.GatewayConnectionCount);
            Assert.False(_t._host!.Services.GetRequiredService<DiscordPlatformStatus>().IsDisabled);
            Assert.Single(_t.TokenFreeLogs(), l => l.Level == LogLevel.Error && l.Message.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) && l.Message.Contains("not reconnecting", StringComparison.Ordinal));
        }
    }

    public sealed class Dispatches : IAsyncLifetime, IDisposable
    {
        private readonly GatewayTests _t = new();

        public Task InitializeAsync() => _t.InitializeAsync();

        public Task DisposeAsync() => _t.DisposeAsync();

        public void Dispose() => _t.Dispose();

        [Fact]
        public async Task MentionIsAnsweredAsAReplyWithTheVerbatimQuoteAndNoMentions()
        {
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync();

            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> does Stargate have the money?", mentionsBot: true, id: "1100000000000000001"));

            var post = await _t._discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"channels/{Payloads.ChannelId}/messages");
            var body = post.Json;
            Assert.Empty(body.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
            Assert.Equal("1100000000000000001", body.GetProperty("message_reference").GetProperty("message_id").GetString());
            var quote = DiscordText.Unescape(body.GetProperty("embeds")[1].GetProperty("description").GetString()!);
            Assert.Contains(TestReplies.MuskQuote, quote, StringComparison.Ordinal);
            Assert.Contains(TestReplies.MuskQuote, RepositoryFiles.StorySource, StringComparison.Ordinal);
            _t._bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "does Stargate have the money?" && !r.IsModerator), It.IsAny<CancellationToken>()));
        }

        [Fact]
        public async Task AMessageDeliveredTwiceIsAnsweredOnce()
        {
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync();
            var message = Payloads.Message($"<@{FakeDiscord.BotUserId}> who is altman?", mentionsBot: true);

            await connection.DispatchAsync("MESSAGE_CREATE", message);
            await connection.DispatchAsync("MESSAGE_CREATE", message);
            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> and musk?", mentionsBot: true, id: "1100000000000000777"));

            // The two distinct messages are answered concurrently, so wait for both replies, in any order.
            var replies = new[]
            {
                await _t._discord.WaitForRequestAsync(r => r.Method == "POST"),
                await _t._discord.WaitForRequestAsync(r => r.Method == "POST"),
            };
            Assert.Contains(replies, r => r.Json.GetProperty("message_reference").GetProperty("message_id").GetString() == "1100000000000000777");
            Assert.Contains(_t.TokenFreeLogs(), l => l.Message.Contains("taken in before", StringComparison.Ordinal));
            Assert.Equal(2, _t._discord.Requests.Count(r => r.Method == "POST" && r.Path == $"channels/{Payloads.ChannelId}/messages"));
        }

        [Fact]
        public async Task AReplyToAnAnswerRefersToThatAnswer()
        {
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync();
            var reply = Payloads.Message($"<@{FakeDiscord.BotUserId}> /report wrong quote", mentionsBot: true).TrimEnd().TrimEnd('}') + $$"""
                , "message_reference": {"message_id": "1100000000000000321", "channel_id": "{{Payloads.ChannelId}}", "guild_id": "{{FakeDiscord.GuildId}}"},
                "referenced_message": {"id": "1100000000000000321", "channel_id": "{{Payloads.ChannelId}}", "author": {"id": "{{FakeDiscord.BotUserId}}", "bot": true}, "content": "", "type": 0} }
                """;

            await connection.DispatchAsync("MESSAGE_CREATE", reply);

            await _t._discord.WaitForRequestAsync(r => r.Method == "POST");
            _t._bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/report wrong quote" && r.ReferencedMessageId == "1100000000000000321" && !r.IsModerator), It.IsAny<CancellationToken>()));
        }

        [Fact]
        public async Task DirectMessageIsAnswered()
        {
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync();

            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("Wer ist Altman?", guildId: null, channelId: "319674150115610528"));

            var post = await _t._discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path == "channels/319674150115610528/messages");
            Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
            Assert.Contains(TestReplies.MuskQuote, DiscordText.Unescape(post.Json.GetProperty("embeds")[1].GetProperty("description").GetString()!), StringComparison.Ordinal);
        }

        [Fact]
        public async Task AskChannelMessagesAreAnsweredWithoutAMention()
        {
            await _t.StartBotAsync(new Dictionary<string, string?> { ["Discord:AskChannelIds:0"] = "222222222222222222" });
            var connection = await _t.ConnectReadyAsync();

            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("Who pays for Stargate?", channelId: "222222222222222222"));

            await _t._discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path == "channels/222222222222222222/messages");
        }

        [Fact]
        public async Task OtherBotsItselfAndUnaddressedMessagesAreIgnored()
        {
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync();

            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> hi", mentionsBot: true, authorIsBot: true, id: "1100000000000000002"));
            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("my own answer", guildId: null, authorId: FakeDiscord.BotUserId, id: "1100000000000000003"));
            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("chatting about something else", id: "1100000000000000004"));
            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("Was hat SoftBank zugesagt?", guildId: null, id: "1100000000000000005"));

            var post = await _t._discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal));
            Assert.Equal("1100000000000000005", post.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
            _t._bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Once);
        }

        [Fact]
        public async Task ASlowAnswerNeverHoldsUpTheReceiveLoop()
        {
            var release = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
            var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _t._bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
                .Returns(() =>
                {
                    asked.TrySetResult();
                    return release.Task;
                });
            await _t.StartBotAsync();

            // An interval far beyond the test, so the only heartbeat is the one asked for.
            var connection = await _t.ConnectReadyAsync(heartbeatIntervalMs: 3_600_000);
            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("a slow question", guildId: null));
            await asked.Task.WaitAsync(FakeDiscord.Patience);

            var heartbeat = connection.WaitForHeartbeatAsync();
            await connection.SendAsync("{\"op\": 1, \"d\": null}");

            await heartbeat;
            Assert.DoesNotContain(_t._discord.Requests, r => r.Method == "POST");
            release.SetResult(TestReplies.Answer());
            await _t._discord.WaitForRequestAsync(r => r.Method == "POST");
        }

        [Fact]
        public async Task EveryoneAndRoleMentionsInAQuestionNeverPing()
        {
            _t._bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync((ChatRequest request, CancellationToken _) => TestReplies.Answer() with
                {
                    Kind = ReplyKind.Abstention,
                    Body = [TextRun.Plain("The story does not say anything about "), TextRun.User(request.Text), TextRun.Plain(".")],
                    Citations = [],
                });
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync();
            var question = "@everyone @here <@&539082325061836999> <@53908232506183680> <#645027906669510667> **bold** https://evil.example";

            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> {question}", mentionsBot: true));

            var post = await _t._discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal));
            Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
            Assert.False(post.Json.TryGetProperty("content", out _));
            var description = post.Json.GetProperty("embeds")[0].GetProperty("description").GetString()!;
            Assert.DoesNotContain("@everyone", description, StringComparison.Ordinal);
            Assert.DoesNotContain("@here", description, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", description, StringComparison.Ordinal);
            Assert.DoesNotContain("<#", description, StringComparison.Ordinal);
            Assert.DoesNotContain("**bold**", description, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", description, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ByDefaultFiveQuestionsAreAnsweredBeforeTheNotice()
        {
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync();

            var posts = new List<RecordedRequest>();
            for (var i = 1; i <= 6; i++)
            {
                await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"question {i}", guildId: null, id: $"11000000000000001{i:00}"));
                posts.Add(await _t._discord.WaitForRequestAsync(r => r.Method == "POST"));
            }

            Assert.All(posts.Take(5), p => Assert.DoesNotContain("faster", p.Body, StringComparison.Ordinal));
            Assert.Contains("faster", posts[5].Body, StringComparison.Ordinal);
            _t._bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(5));
            var cooldown = _t._host!.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CooldownOptions>>().Value;
            Assert.Equal(TimeSpan.FromSeconds(30), cooldown.Window);
        }

        [Fact]
        public async Task OverTheCooldownOneNoticeIsSentThenSilence()
        {
            await _t.StartBotAsync(new Dictionary<string, string?> { ["Cooldown:MaxQuestions"] = "1" });
            var connection = await _t.ConnectReadyAsync();

            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("first", guildId: null, id: "1100000000000000011"));
            var answer = await _t._discord.WaitForRequestAsync(r => r.Method == "POST");
            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("second", guildId: null, id: "1100000000000000012"));
            var notice = await _t._discord.WaitForRequestAsync(r => r.Method == "POST");
            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("third", guildId: null, id: "1100000000000000013"));
            await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message("someone else", guildId: null, authorId: "80351110224678912", id: "1100000000000000014"));
            var other = await _t._discord.WaitForRequestAsync(r => r.Method == "POST");

            Assert.Contains("faster", notice.Body, StringComparison.Ordinal);
            Assert.Equal("1100000000000000014", other.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
            Assert.Equal(3, _t._discord.Requests.Count(r => r.Method == "POST"));
            _t._bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        }

        [Fact]
        public async Task SlashCommandIsAnsweredThroughTheCallbackAndRecordedWithItsMessageId()
        {
            var recorded = new TaskCompletionSource<PostedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            var recorder = new Mock<IAnswerRecorder>();
            recorder.Setup(r => r.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<ChatRequest>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
                .Callback((PostedMessage message, ChatRequest _, Reply _, CancellationToken _) => recorded.TrySetResult(message))
                .Returns(Task.CompletedTask);
            await _t.StartBotAsync(services: s => s.AddSingleton(recorder.Object));
            var connection = await _t.ConnectReadyAsync();

            await connection.DispatchAsync("INTERACTION_CREATE", Payloads.SlashCommand("who-is", $"[{Payloads.StringOption("name", "Altmann")}]", id: "786008729715212338"));

            var callback = await _t._discord.WaitForRequestAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
            Assert.Equal("interactions/786008729715212338/A_UNIQUE_TOKEN_786008729715212338/callback", callback.Path);
            Assert.Contains("with_response=true", callback.Query, StringComparison.Ordinal);
            Assert.Null(callback.Header("Authorization"));
            Assert.Equal(4, callback.Json.GetProperty("type").GetInt32());
            var data = callback.Json.GetProperty("data");
            Assert.Empty(data.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
            Assert.Contains(TestReplies.MuskQuote, DiscordText.Unescape(data.GetProperty("embeds")[1].GetProperty("description").GetString()!), StringComparison.Ordinal);
            var message = await recorded.Task.WaitAsync(FakeDiscord.Patience);
            Assert.Equal(Payloads.ChannelId, message.ChannelId);
            Assert.StartsWith("11000000000000000", message.MessageId, StringComparison.Ordinal);
            _t._bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/who-is Altmann"), It.IsAny<CancellationToken>()));
        }

        [Fact]
        public async Task AnInteractionIsDeferredInTimeEvenWhenEveryMessageHandlerIsBusy()
        {
            var release = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
            var asked = 0;
            _t._bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
                .Returns(() =>
                {
                    Interlocked.Increment(ref asked);
                    return release.Task;
                });
            await _t.StartBotAsync(new Dictionary<string, string?> { ["Discord:DeferAfter"] = "00:00:00.200" });
            var connection = await _t.ConnectReadyAsync();
            try
            {
                // More slow questions, each from its own user, than there are handler slots.
                for (var i = 0; i < 40; i++)
                {
                    var user = (80351110224678000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"slow question {i}", guildId: null, authorId: user, id: (1100000000000001000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                using (var patience = new CancellationTokenSource(FakeDiscord.Patience))
                {
                    while (Volatile.Read(ref asked) < 32)
                    {
                        await Task.Delay(10, patience.Token);
                    }
                }

                await connection.DispatchAsync("INTERACTION_CREATE", Payloads.SlashCommand("ask", $"[{Payloads.StringOption("question", "Who pays?")}]"));

                var callback = await _t._discord.WaitForRequestAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
                Assert.Equal(5, callback.Json.GetProperty("type").GetInt32());
            }
            finally
            {
                release.TrySetResult(TestReplies.Answer());
            }
        }

        [Fact]
        public async Task ReportButtonOverTheGatewayOpensTheFormAndItsSubmissionReportsThatMessage()
        {
            _t._bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync(TestReplies.Private(ReplyKind.Notice, "Reported."));
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync();

            await connection.DispatchAsync("INTERACTION_CREATE", Payloads.ReportButton("1100000000000000555"));
            var form = await _t._discord.WaitForRequestAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal) && r.Path.Contains("_button_", StringComparison.Ordinal));
            await connection.DispatchAsync("INTERACTION_CREATE", Payloads.ReportSubmitted("1100000000000000555", "wrong"));
            var callback = await _t._discord.WaitForRequestAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal) && r.Path.Contains("_modal_", StringComparison.Ordinal));

            Assert.Equal(9, form.Json.GetProperty("type").GetInt32());
            Assert.Equal(64, callback.Json.GetProperty("data").GetProperty("flags").GetInt32());
            _t._bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/report wrong" && r.ReferencedMessageId == "1100000000000000555"), It.IsAny<CancellationToken>()), Times.Once);
        }
    }

    private async Task StartBotAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        _host = await BotHost.StartAsync(_discord, _signer, _bot.Object, runGateway: true, settings: settings, services: s =>
        {
            s.AddLogging(b => b.AddProvider(_logs));
            services?.Invoke(s);
        });

    /// <summary>Every log line so far must be free of the bot token.</summary>
    private IReadOnlyList<FakeLogRecord> TokenFreeLogs()
    {
        var logs = _logs.Collector.GetSnapshot();
        Assert.DoesNotContain(logs, l => l.Message.Contains(FakeDiscord.Token, StringComparison.Ordinal));
        return logs;
    }

    private async Task<FakeGatewayConnection> ConnectReadyAsync(string sessionId = "session-1", int heartbeatIntervalMs = 41250)
    {
        var connection = await _discord.NextGatewayConnectionAsync();
        await connection.SendHelloAsync(heartbeatIntervalMs);
        var identify = await connection.ReceiveAsync();
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        await connection.SendReadyAsync(sessionId, _discord.ResumeGatewayUrl);
        return connection;
    }

    private DiscordGatewayService GatewayService() =>
        _host!.Services.GetServices<IHostedService>().OfType<DiscordGatewayService>().Single();
}
