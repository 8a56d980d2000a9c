using System.Text.Json;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests.Interactions;

/// <summary>
/// Every command answers in the language of the Discord client that sent it (the interaction's
/// <c>locale</c>) when its text has no language of its own, with the real chat bot and pack.
/// </summary>
public sealed class InteractionLanguageTests : IAsyncLifetime
{
    private const string Cited = "Zitat 1 · ";

    private StatefulBot _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await StatefulBot.StartAsync(runGateway: true, settings: new Dictionary<string, string?> { ["Cooldown:MaxQuestions"] = "1000" });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("funding", "[]", Cited)]
    [InlineData("dispute", "[]", Cited)]
    [InlineData("timeline", "[]", Cited)]
    [InlineData("summary", "[]", Cited)]
    [InlineData("help", "[]", "Ich beantworte Fragen")]
    [InlineData("who-is", """[{"type": 3, "name": "name", "value": "altman"}]""", Cited)]
    [InlineData("ask", """[{"type": 3, "name": "question", "value": "Texas?"}]""", Cited)]
    [InlineData("moderate", """[{"type": 1, "name": "reports"}]""", "Entschuldigung")]
    public async Task ACommandFromAGermanClientIsAnsweredInGermanAndFromAnEnglishOneInEnglish(string command, string options, string german)
    {
        var inGerman = await InteractAsync(Payloads.SlashCommand(command, options, locale: "de"));
        var inEnglish = await InteractAsync(Payloads.SlashCommand(command, options, locale: "en-US"));

        Assert.Contains(german, inGerman, StringComparison.Ordinal);
        Assert.DoesNotContain(german, inEnglish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnglishQuestionFromAGermanClientIsAnsweredInEnglish()
    {
        var answer = await InteractAsync(Payloads.SlashCommand("ask", """[{"type": 3, "name": "question", "value": "How much money have the Stargate partners committed?"}]""", locale: "de"));

        Assert.Contains("Quote 1 · ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportAnswersAGermanReaderInGerman()
    {
        var inGerman = await InteractAsync(Payloads.ReportSubmitted("1100000000000000999", string.Empty, locale: "de"));
        var inEnglish = await InteractAsync(Payloads.ReportSubmitted("1100000000000000998", string.Empty, locale: "en-GB"));

        Assert.NotEqual(Normalised(inEnglish), Normalised(inGerman));
        Assert.Contains("Diese Antwort", inGerman, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandOverTheGatewayFollowsTheLocaleToo()
    {
        var connection = await _bot.Discord.NextGatewayConnectionAsync();
        await connection.SendHelloAsync();
        await connection.ReceiveAsync();
        await connection.SendReadyAsync("session-language", _bot.Discord.ResumeGatewayUrl);

        await connection.DispatchAsync("INTERACTION_CREATE", Payloads.SlashCommand("timeline", locale: "de-DE", id: "786008729715212500"));

        var callback = await _bot.Discord.WaitForRequestAsync(r => r.Path.EndsWith("786008729715212500/A_UNIQUE_TOKEN_786008729715212500/callback", StringComparison.Ordinal));
        Assert.Contains(Cited, TextOf(callback.Json.GetProperty("data")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCooldownNoticeFollowsTheLocale()
    {
        await using var limited = await StatefulBot.StartAsync(runGateway: false, settings: new Dictionary<string, string?> { ["Cooldown:MaxQuestions"] = "1" });
        using var answered = await limited.Host.PostInteractionAsync(Payloads.SlashCommand("funding", locale: "de"), limited.Signer);

        using var refused = await limited.Host.PostInteractionAsync(Payloads.SlashCommand("timeline", locale: "de"), limited.Signer);

        var notice = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        Assert.Contains("Sie fragen schneller", TextOf(notice), StringComparison.Ordinal);
    }

    /// <summary>Posts to the HTTP interactions endpoint; returns every text of the answer, whether inline or by follow-up.</summary>
    private async Task<string> InteractAsync(string payload)
    {
        using var response = await _bot.Host.PostInteractionAsync(payload, _bot.Signer);
        response.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (body.GetProperty("type").GetInt32() == 5)
        {
            var token = JsonDocument.Parse(payload).RootElement.GetProperty("token").GetString()!;
            var edit = await _bot.Discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal));
            return TextOf(edit.Json);
        }

        return TextOf(body.GetProperty("data"));
    }

    private static string TextOf(JsonElement message)
    {
        var texts = new List<string>();
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            texts.Add(content.GetString()!);
        }

        if (message.TryGetProperty("embeds", out var embeds))
        {
            foreach (var embed in embeds.EnumerateArray())
            {
                foreach (var field in new[] { "title", "description" })
                {
                    if (embed.TryGetProperty(field, out var text))
                    {
                        texts.Add(text.GetString()!);
                    }
                }

                if (embed.TryGetProperty("footer", out var footer))
                {
                    texts.Add(footer.GetProperty("text").GetString()!);
                }
            }
        }

        return DiscordText.Unescape(string.Join('\n', texts));
    }

    private static string Normalised(string text) => System.Text.RegularExpressions.Regex.Replace(text, "[0-9]+", "#");
}
