using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Tests.Fakes;
using StoryBot.State.Moderation;

namespace StoryBot.Discord.Tests;

/// <summary>
/// Moderation over Discord with the real chat bot, pack and SQLite state: an answer posted by the
/// adapter is recorded with its message id, reported with a reason through the button's form, and corrected by editing
/// that very message when a moderator withdraws its excerpt.
/// </summary>
public sealed class ModerationEndToEndTests : IAsyncLifetime
{
    private StatefulBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StatefulBot.StartAsync(runGateway: true);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task AReportedAnswerIsCorrectedInPlaceWhenAModeratorWithdrawsItsExcerpt()
    {
        var (messageId, excerptId) = await PostAnswerAsync();

        using (var form = await _bot.Host.PostInteractionAsync(Payloads.ReportButton(messageId), _bot.Signer))
        {
            Assert.Equal(9, JsonDocument.Parse(await form.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
        }

        var report = await InteractAsync(Payloads.ReportSubmitted(messageId, "the figure is Musk's claim, not a fact"));
        Assert.Equal(64, report.GetProperty("flags").GetInt32());
        Assert.Contains("report #", Text(report), StringComparison.Ordinal);

        var queued = Assert.Single(await _bot.Host.Services.GetRequiredService<ReaderReports>().OpenAsync(10, CancellationToken.None));
        Assert.Equal("the figure is Musk's claim, not a fact", queued.Reason);
        Assert.Equal(messageId, queued.MessageId);

        var refused = await InteractAsync(Disable(excerptId, permissions: "0"));
        Assert.Equal(64, refused.GetProperty("flags").GetInt32());
        Assert.DoesNotContain(_bot.Discord.Requests, r => r.Method == "PATCH");

        var disabled = await InteractAsync(Disable(excerptId, permissions: "32"));
        Assert.Equal(64, disabled.GetProperty("flags").GetInt32());

        var edit = await _bot.Discord.WaitForRequestAsync(r => r.Method == "PATCH");
        Assert.Equal($"channels/{Payloads.ChannelId}/messages/{messageId}", edit.Path);
        var withdrawn = edit.Json.GetProperty("embeds").EnumerateArray()
            .Single(e => e.TryGetProperty("footer", out var footer) && footer.GetProperty("text").GetString()!.EndsWith(excerptId, StringComparison.Ordinal));
        Assert.StartsWith("Withdrawn: ", withdrawn.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("> ~~", withdrawn.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Empty(edit.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());

        var audit = Text(await InteractAsync(Payloads.SlashCommand("moderate", """[{"type": 1, "name": "audit"}]""", permissions: "32", id: "786008729715212400")));
        Assert.Contains(excerptId, audit, StringComparison.Ordinal);
        Assert.Contains("refused", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModeratorListsTheQuestionsTheStoryLeftUnansweredAndAReaderMayNot()
    {
        var unanswered = _bot.Host.Services.GetRequiredService<IUnansweredQuestions>();
        await unanswered.RecordAsync(
            new UnansweredQuestion("who won the lawsuit?", Language.English, "discord", ChannelKind.Channel, _bot.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow()),
            CancellationToken.None);

        var listed = Text(await InteractAsync(Payloads.SlashCommand("moderate", """[{"type": 1, "name": "unanswered"}]""", permissions: "32", id: "786008729715212410")));
        var refused = Text(await InteractAsync(Payloads.SlashCommand("moderate", """[{"type": 1, "name": "unanswered"}]""", permissions: "0", id: "786008729715212411")));

        Assert.Contains("1× who won the lawsuit?", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("lawsuit", refused, StringComparison.Ordinal);
    }

    /// <summary>Asks by mention over the Gateway; returns the answer's message id and its first cited excerpt.</summary>
    private async Task<(string MessageId, string ExcerptId)> PostAnswerAsync()
    {
        var connection = await _bot.Discord.NextGatewayConnectionAsync();
        await connection.SendHelloAsync();
        await connection.ReceiveAsync();
        await connection.SendReadyAsync("session-moderation", _bot.Discord.ResumeGatewayUrl);
        await connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> /who-is Altmann", mentionsBot: true));

        var post = await _bot.Discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal));
        var footer = post.Json.GetProperty("embeds").EnumerateArray().First(e => e.TryGetProperty("footer", out _)).GetProperty("footer").GetProperty("text").GetString()!;
        var messageId = _bot.Discord.LastCreatedMessageId(post);

        // The answer is recorded once Discord returned its id; wait for that before reporting it.
        var answers = _bot.Host.Services.GetRequiredService<AnswerLog>();
        using var patience = new CancellationTokenSource(FakeDiscord.Patience);
        while (await answers.FindByMessageAsync("discord", Payloads.ChannelId, messageId, patience.Token) is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, patience.Token);
        }

        return (messageId, footer[(footer.LastIndexOf(' ') + 1)..]);
    }

    private async Task<JsonElement> InteractAsync(string body)
    {
        using var response = await _bot.Host.PostInteractionAsync(body, _bot.Signer);
        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        return json.GetProperty("data");
    }

    private static string Disable(string excerptId, string permissions) =>
        Payloads.SlashCommand(
            "moderate",
            $$"""[{"type": 1, "name": "disable", "options": [{{Payloads.StringOption("id", excerptId)}}, {{Payloads.StringOption("reason", "misquoted")}}]}]""",
            permissions,
            id: permissions == "0" ? "786008729715212301" : "786008729715212302");

    private static string Text(JsonElement data) =>
        DiscordText.Unescape(string.Join('\n', data.GetProperty("embeds").EnumerateArray().Select(e => e.GetProperty("description").GetString())));
}
