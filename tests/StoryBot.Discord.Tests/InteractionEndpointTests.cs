using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Interactions;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

public sealed class InteractionEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
    }

    public void Dispose() => _signer.Dispose();

    public sealed class Signatures(SignatureFixture fixture) : IClassFixture<SignatureFixture>
    {
        [Fact]
        public async Task PingIsAnsweredWithPongAsJson()
        {
            using var response = await fixture.Host.PostInteractionAsync("""{"id": "1", "type": 1, "application_id": "775799577604177920", "token": "t", "version": 1}""", fixture.Signer);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
        }

        [Fact]
        public async Task BadSignatureIsRefusedWith401AndNothingRuns()
        {
            var body = Payloads.SlashCommand("help");
            using var other = new Ed25519Signer();
            var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

            using var response = await fixture.Host.PostInteractionAsync(body, fixture.Signer, signature: other.Sign(timestamp, body));

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            fixture.Bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
        }

        [Fact]
        public async Task TamperedBodyIsRefusedWith401()
        {
            var body = Payloads.SlashCommand("help");
            var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var signature = fixture.Signer.Sign(timestamp, body);

            using var response = await fixture.Host.PostInteractionAsync(body.Replace("help", "funding", StringComparison.Ordinal), fixture.Signer, signature: signature);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        [Fact]
        public async Task MissingSignatureHeadersAreRefusedWith401()
        {
            using var response = await fixture.Host.PostInteractionAsync("""{"type": 1}""", fixture.Signer, sign: false);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        [Fact]
        public async Task MalformedSignatureIsRefusedWith401()
        {
            using var response = await fixture.Host.PostInteractionAsync("""{"type": 1}""", fixture.Signer, signature: "not-hex");

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        [Fact]
        public async Task StaleTimestampIsRefusedEvenWithAValidSignature()
        {
            using var response = await fixture.Host.PostInteractionAsync("""{"id": "1", "type": 1}""", fixture.Signer, signedAt: TimeProvider.System.GetUtcNow().AddMinutes(-10));

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    public sealed class SignatureFixture : IAsyncLifetime
    {
        public Ed25519Signer Signer { get; } = new();

        public Mock<IChatBot> Bot { get; } = BotHost.ChatBot(TestReplies.Answer());

        public BotHost Host { get; private set; } = null!;

        private FakeDiscord _discord = null!;

        public async Task InitializeAsync()
        {
            _discord = await FakeDiscord.StartAsync();
            Host = await BotHost.StartAsync(_discord, Signer, Bot.Object);
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await _discord.DisposeAsync();
            Signer.Dispose();
        }
    }

    [Fact]
    public async Task SlashCommandIsAnsweredInlineWithTheVerbatimQuoteAndNoMentions()
    {
        var bot = BotHost.ChatBot(TestReplies.Answer());
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object);

        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("who-is", $"[{Payloads.StringOption("name", "altman")}]"), _signer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.Empty(data.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        var quote = DiscordText.Unescape(data.GetProperty("embeds")[1].GetProperty("description").GetString()!);
        Assert.Contains(TestReplies.MuskQuote, quote, StringComparison.Ordinal);
        Assert.Contains(TestReplies.MuskQuote, RepositoryFiles.StorySource, StringComparison.Ordinal);
        Assert.Equal("storybot:report", data.GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString());
        bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/who-is altman" && r.Platform == "discord" && r.UserId == Payloads.UserId && r.ChannelId == Payloads.ChannelId), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task HelpIsAnsweredPrivately()
    {
        var (data, _) = await AnswerInlineAsync(TestReplies.Private(ReplyKind.Help, "Ask me about the story."), Payloads.SlashCommand("help"));

        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Empty(data.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Fact]
    public async Task ALongAnswerContinuesInFollowUpsThatPingNobody()
    {
        var answer = TestReplies.Answer();
        var citation = answer.Citations[0];
        var reply = answer with
        {
            Citations = [.. Enumerable.Range(1, 14).Select(i => citation with { Id = $"{citation.Id}-{i}", Translation = string.Concat(Enumerable.Repeat(citation.Translation + " ", 6)) })],
        };
        var pages = Rendering.ReplyRenderer.Render(reply).Count;
        Assert.True(pages > 1);
        await using var host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(reply).Object);

        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("ask", $"[{Payloads.StringOption("question", "@everyone who pays?")}]", id: "786008729715212338"), _signer);

        var first = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, first.GetProperty("type").GetInt32());
        Assert.Empty(first.GetProperty("data").GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        for (var page = 2; page <= pages; page++)
        {
            var followUp = await _discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"webhooks/{FakeDiscord.ApplicationId}/A_UNIQUE_TOKEN_786008729715212338");
            Assert.Empty(followUp.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
            Assert.False(followUp.Json.TryGetProperty("flags", out _));
        }

        var quotes = _discord.Requests.Where(r => r.Method == "POST").SelectMany(r => r.Json.GetProperty("embeds").EnumerateArray())
            .Concat(first.GetProperty("data").GetProperty("embeds").EnumerateArray())
            .Count(e => DiscordText.Unescape(e.GetProperty("description").GetString()!).Contains(TestReplies.MuskQuote, StringComparison.Ordinal));
        Assert.Equal(14, quotes);
    }

    [Fact]
    public async Task SubcommandOptionsBecomeTheCommandLineInDefinitionOrder()
    {
        var bot = BotHost.ChatBot(TestReplies.Private(ReplyKind.Moderation, "Disabled."));
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object);
        var options = $$"""[{"type": 1, "name": "disable", "options": [{{Payloads.StringOption("reason", "misquoted")}}, {{Payloads.StringOption("id", "dek")}}]}]""";

        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("moderate", options, permissions: "32"), _signer);

        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/moderate disable dek misquoted" && r.IsModerator), It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData("32", "[]", true)]
    [InlineData("8", "[]", true)]
    [InlineData("0", "[\"" + Payloads.ModeratorRoleId + "\"]", true)]
    [InlineData("2147483607", "[\"1\"]", false)]
    public async Task ModeratorRightsComeFromTheRequestsPermissionsAndRoles(string permissions, string roles, bool expected)
    {
        var bot = BotHost.ChatBot(TestReplies.Private(ReplyKind.Moderation, "ok"));
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object, settings: new Dictionary<string, string?>
        {
            ["Discord:ModeratorRoleIds:0"] = Payloads.ModeratorRoleId,
        });

        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("moderate", """[{"type": 1, "name": "audit"}]""", permissions, roles), _signer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/moderate audit" && r.IsModerator == expected), It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData("8192", "8192", true)]
    [InlineData("8192", "32", false)]
    [InlineData("8224", "8192", false)]
    [InlineData("8224", "8224", true)]
    [InlineData("0", "32", false)]
    [InlineData("0", "8", true)]
    public async Task ModeratorRightsAreCheckedAgainstTheConfiguredCommandPermissions(string configured, string permissions, bool expected)
    {
        var bot = BotHost.ChatBot(TestReplies.Private(ReplyKind.Moderation, "ok"));
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object, settings: new Dictionary<string, string?>
        {
            ["Discord:ModeratorCommandPermissions"] = configured,
        });

        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("moderate", """[{"type": 1, "name": "audit"}]""", permissions), _signer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/moderate audit" && r.IsModerator == expected), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task AutocompleteSuggestsEntitiesByNameAndAliasWithinTwentyFiveChoices()
    {
        var entities = Enumerable.Range(0, 40).Select(i => Entity($"Person {i:00}", [$"Alias {i}"])).Append(Entity("Sam Altman", ["Altmann", "Altman"])).ToList();
        var bot = BotHost.ChatBot(TestReplies.Answer());
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object, services: s => s.AddSingleton(Knowledge(entities)));

        using var altman = await host.PostInteractionAsync(Payloads.Autocomplete("altm"), _signer);
        using var everyone = await host.PostInteractionAsync(Payloads.Autocomplete(string.Empty), _signer);

        var altmanJson = JsonDocument.Parse(await altman.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(8, altmanJson.GetProperty("type").GetInt32());
        var choice = Assert.Single(altmanJson.GetProperty("data").GetProperty("choices").EnumerateArray());
        Assert.Equal("Sam Altman", choice.GetProperty("value").GetString());
        var all = JsonDocument.Parse(await everyone.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("choices");
        Assert.Equal(25, all.GetArrayLength());
        bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SlowAnswerIsDeferredThenEditedIntoTheOriginalMessage()
    {
        var answered = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>())).Returns(answered.Task);
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object, settings: new Dictionary<string, string?> { ["Discord:DeferAfter"] = "00:00:00.100" });

        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("ask", $"[{Payloads.StringOption("question", "Who pays?")}]", id: "786008729715212338"), _signer);
        Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
        answered.SetResult(TestReplies.Answer());

        var edit = await _discord.WaitForRequestAsync(r => r.Method == "PATCH");
        Assert.Equal($"webhooks/{FakeDiscord.ApplicationId}/A_UNIQUE_TOKEN_786008729715212338/messages/@original", edit.Path);
        Assert.Contains(TestReplies.MuskQuote, DiscordText.Unescape(edit.Json.GetProperty("embeds")[1].GetProperty("description").GetString()!), StringComparison.Ordinal);
        Assert.Empty(edit.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Fact]
    public async Task ADeferredAnswerStillBeingWorkedOutWhenTheHostStopsIsEditedInBeforeTheHostHasStopped()
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (ChatRequest _, CancellationToken cancellationToken) =>
            {
                await answered.Task.WaitAsync(cancellationToken);
                return TestReplies.Answer();
            });
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object, settings: new Dictionary<string, string?> { ["Discord:DeferAfter"] = "00:00:00.100" });
        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("ask", $"[{Payloads.StringOption("question", "Who pays?")}]", id: "786008729715212339"), _signer);
        Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());

        var stopping = host.StopAsync();
        answered.SetResult();
        await stopping.WaitAsync(FakeDiscord.Patience);

        Assert.Contains(_discord.Requests, r => r.Method == "PATCH" && r.Path.EndsWith("A_UNIQUE_TOKEN_786008729715212339/messages/@original", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDeferralDeadlineCountsFromWhenTheInteractionArrived()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource<Reply>().Task);
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object, services: s => s.AddSingleton<TimeProvider>(time));
        var payload = Payloads.SlashCommand("ask", $"[{Payloads.StringOption("question", "Who pays?")}]");
        var interaction = Interaction.TryParse(JsonDocument.Parse(payload).RootElement)!;
        var receivedAt = time.GetTimestamp();

        // Two and a half seconds went by before a worker got to it: no time is left to wait for the answer.
        time.Advance(TimeSpan.FromSeconds(2.5));
        var start = await host.Services.GetRequiredService<InteractionHandler>().StartAsync(interaction, payload, receivedAt).WaitAsync(FakeDiscord.Patience);

        Assert.Equal(InteractionResponse.DeferredChannelMessage, start.Response.Type);
    }

    [Fact]
    public async Task ASlowPrivateReplyReplacesThePublicDeferralWithAPrivateFollowUp()
    {
        var answered = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>())).Returns(answered.Task);
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object, settings: new Dictionary<string, string?> { ["Discord:DeferAfter"] = "00:00:00.100" });

        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("ask", $"[{Payloads.StringOption("question", "?")}]", id: "786008729715212338"), _signer);
        Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
        answered.SetResult(TestReplies.Private(ReplyKind.Error, "Please ask a question."));

        var deleted = await _discord.WaitForRequestAsync(r => r.Method == "DELETE");
        var followUp = await _discord.WaitForRequestAsync(r => r.Method == "POST");
        Assert.EndsWith("/messages/@original", deleted.Path, StringComparison.Ordinal);
        Assert.Equal($"webhooks/{FakeDiscord.ApplicationId}/A_UNIQUE_TOKEN_786008729715212338", followUp.Path);
        Assert.Equal(64, followUp.Json.GetProperty("flags").GetInt32());
    }

    [Fact]
    public async Task InlineAnswerIsRecordedWithTheIdOfTheOriginalMessage()
    {
        var recorded = new TaskCompletionSource<PostedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new Mock<IAnswerRecorder>();
        recorder.Setup(r => r.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<ChatRequest>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .Callback((PostedMessage message, ChatRequest _, Reply _, CancellationToken _) => recorded.TrySetResult(message))
            .Returns(Task.CompletedTask);
        await using var host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, services: s => s.AddSingleton(recorder.Object));

        using var response = await host.PostInteractionAsync(Payloads.SlashCommand("funding"), _signer);

        var message = await recorded.Task.WaitAsync(FakeDiscord.Patience);
        Assert.Equal(new PostedMessage("discord", Payloads.ChannelId, FakeDiscord.OriginalMessageId), message);
        Assert.Contains(_discord.Requests, r => r.Method == "GET" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en-US", "Report answer", "What is wrong with it? (optional)")]
    [InlineData("de", "Antwort melden", "Was stimmt daran nicht? (optional)")]
    public async Task ReportButtonOpensAFormAskingForAnOptionalReasonInTheReadersLanguage(string locale, string title, string label)
    {
        var bot = BotHost.ChatBot(TestReplies.Answer());
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object);

        using var response = await host.PostInteractionAsync(Payloads.ReportButton("1100000000000000777", locale), _signer);

        var modal = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(9, modal.GetProperty("type").GetInt32());
        var form = modal.GetProperty("data");
        Assert.Equal("storybot:report:1100000000000000777", form.GetProperty("custom_id").GetString());
        Assert.Equal(title, form.GetProperty("title").GetString());
        var input = form.GetProperty("components")[0].GetProperty("components")[0];
        Assert.Equal(1, form.GetProperty("components")[0].GetProperty("type").GetInt32());
        Assert.Equal(4, input.GetProperty("type").GetInt32());
        Assert.Equal(2, input.GetProperty("style").GetInt32());
        Assert.Equal("reason", input.GetProperty("custom_id").GetString());
        Assert.Equal(label, input.GetProperty("label").GetString());
        Assert.False(input.GetProperty("required").GetBoolean());
        Assert.Equal(500, input.GetProperty("max_length").GetInt32());

        // Opening the form reports nothing: a form closed without submitting leaves no report.
        bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReportAnswerMenuCommandOpensTheFormAboutItsTargetMessage()
    {
        var bot = BotHost.ChatBot(TestReplies.Answer());
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object);

        using var response = await host.PostInteractionAsync(Payloads.MessageCommand("Report answer", "1100000000000000888", string.Empty), _signer);

        var modal = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(9, modal.GetProperty("type").GetInt32());
        Assert.Equal("storybot:report:1100000000000000888", modal.GetProperty("data").GetProperty("custom_id").GetString());
        bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("a misquoted figure", "/report a misquoted figure")]
    [InlineData("", "/report")]
    public async Task TheSubmittedFormReportsThatMessageWithItsReasonAndAnswersPrivately(string reason, string expected)
    {
        var (data, bot) = await AnswerInlineAsync(TestReplies.Private(ReplyKind.Notice, "Thanks, a moderator will look at it."), Payloads.ReportSubmitted("1100000000000000777", reason));

        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == expected && r.ReferencedMessageId == "1100000000000000777" && !r.IsModerator), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task AnotherFormsSubmissionIsNotTakenForAReport()
    {
        var (data, bot) = await AnswerInlineAsync(TestReplies.Answer(), Payloads.ReportSubmitted("1100000000000000777", "x", customIdPrefix: "somebody:else:"));

        Assert.Contains("not supported", data.GetRawText(), StringComparison.Ordinal);
        bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AskAboutMessageCommandAsksTheTargetMessagesTextAndAnswersPublicly()
    {
        var body = Payloads.MessageCommand("Ask StoryBot about this message", "1100000000000000999", "Who pays for Stargate?\n<@80351110224678912> any idea?");

        var (data, bot) = await AnswerInlineAsync(TestReplies.Answer(), body);

        Assert.False(data.TryGetProperty("flags", out _));
        bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/ask Who pays for Stargate?\n<@80351110224678912> any idea?"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task AMessageThatReadsLikeACommandIsAskedAboutNeverRun()
    {
        var body = Payloads.MessageCommand("Ask StoryBot about this message", "1100000000000000998", "/sources disable stargate-dispute misquoted");

        var (_, bot) = await AnswerInlineAsync(TestReplies.Answer(), body.Replace("\"permissions\": \"0\"", "\"permissions\": \"32\"", StringComparison.Ordinal));

        bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/ask /sources disable stargate-dispute misquoted" && r.IsModerator), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task AReplayedInteractionIsAcknowledgedButNotAnsweredAgain()
    {
        var bot = BotHost.ChatBot(TestReplies.Answer());
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object);
        var body = Payloads.SlashCommand("funding");

        using var first = await host.PostInteractionAsync(body, _signer);
        using var replay = await host.PostInteractionAsync(body, _signer);

        Assert.Equal(4, JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var acknowledgement = JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(InteractionResponse.DeferredChannelMessage, acknowledgement.GetProperty("type").GetInt32());
        Assert.Equal(64, acknowledgement.GetProperty("data").GetProperty("flags").GetInt32());
        bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task OverTheCooldownAnInteractionGetsAPrivateNoticeInsteadOfAnAnswer()
    {
        var bot = BotHost.ChatBot(TestReplies.Answer());
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object, settings: new Dictionary<string, string?> { ["Cooldown:MaxQuestions"] = "1" });

        using var first = await host.PostInteractionAsync(Payloads.SlashCommand("funding", id: "1001"), _signer);
        using var second = await host.PostInteractionAsync(Payloads.SlashCommand("funding", id: "1002"), _signer);

        var notice = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        Assert.Equal(64, notice.GetProperty("flags").GetInt32());
        bot.Verify(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    /// <summary>Posts a signed interaction to a bot answering with <paramref name="reply"/>; returns the inline message.</summary>
    private async Task<(JsonElement Data, Mock<IChatBot> Bot)> AnswerInlineAsync(Reply reply, string body)
    {
        var bot = BotHost.ChatBot(reply);
        await using var host = await BotHost.StartAsync(_discord, _signer, bot.Object);

        using var response = await host.PostInteractionAsync(body, _signer);

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        return (json.GetProperty("data"), bot);
    }

    private static Entity Entity(string name, IReadOnlyList<string> aliases) => new()
    {
        Id = name.ToLowerInvariant().Replace(' ', '-'),
        Kind = EntityKind.Person,
        Name = name,
        Aliases = aliases,
        Role = new LocalizedText("role", "Rolle"),
        Citations = [],
    };

    private static IKnowledgeProvider Knowledge(IReadOnlyList<Entity> entities)
    {
        var pack = new KnowledgePack(StoryBot.Testing.TestStoryProfile.Create(), [], [], entities, [], [], new StorySummary(new LocalizedText("s", "s"), []), "test");
        return Mock.Of<IKnowledgeProvider>(k => k.Current == pack);
    }
}
