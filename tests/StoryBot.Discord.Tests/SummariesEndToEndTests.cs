using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Discord.Tests.Fakes;
using StoryBot.State.Summaries;

namespace StoryBot.Discord.Tests;

/// <summary>
/// A scheduled summary through the real Discord adapter: the slot a few minutes ago is still
/// inside the catch-up window, so the scheduler posts it at start to the schedule's channel, with
/// mentions switched off, and the ledger keeps the message id Discord returned and the message's link.
/// </summary>
public sealed class SummariesEndToEndTests : IAsyncLifetime
{
    private const string Channel = "1234567890123456789";

    private StatefulBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StatefulBot.StartAsync(
        runGateway: false,
        new Dictionary<string, string?>
        {
            ["Summaries:Schedules:0:Name"] = "discord-morning",
            ["Summaries:Schedules:0:Platform"] = "discord",
            ["Summaries:Schedules:0:ChannelId"] = Channel,
            ["Summaries:Schedules:0:Time"] = TimeProvider.System.GetUtcNow().AddMinutes(-5).ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Summaries:Schedules:0:TimeZone"] = "Etc/UTC",
            ["Summaries:Schedules:0:Language"] = "de",
        },
        (services, configuration) => services.AddSummaries(configuration));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task AScheduledSummaryReachesTheChannelWithoutPingsAndItsMessageIdIsRecorded()
    {
        var post = await _bot.Discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"channels/{Channel}/messages");

        Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        var embeds = post.Json.GetProperty("embeds").EnumerateArray().ToList();
        Assert.Contains("Zusammenfassung der Geschichte", embeds[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(embeds, e => e.TryGetProperty("footer", out _));

        var ledger = _bot.Host.Services.GetRequiredService<ISummaryLedger>();
        using var patience = new CancellationTokenSource(FakeDiscord.Patience);
        SlotRecord? record;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, patience.Token);
            record = await ledger.LastPostedAsync("discord", Channel, patience.Token);
        }
        while (record is null);

        Assert.Equal(_bot.Discord.LastCreatedMessageId(post), record.MessageId);
        Assert.Equal($"https://discord.com/channels/{FakeDiscord.GuildId}/{Channel}/{record.MessageId}", record.Permalink);
        Assert.Single(_bot.Discord.Requests, r => r.Method == "POST" && r.Path == $"channels/{Channel}/messages");
    }
}
