using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Dispatch;

/// <summary>Slack's one-message-a-second pace per channel, with the clock held still.</summary>
public sealed class SlackDeliveryTests : SlackHostTest
{
    private const string Busy = "C0BUSYCHAN";
    private const string Quiet = "C0QUIETCHN";

    /// <summary>The work queue's workers: few, so that work waiting in them would soon hold up the rest.</summary>
    private const int Workers = 4;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Slack:ChannelPostInterval"] = "00:00:01";
        settings["Slack:HandlerConcurrency"] = Workers.ToString(CultureInfo.InvariantCulture);
    }

    private protected override void ConfigureServices(IServiceCollection services, Dictionary<string, string?> settings) =>
        services.AddSingleton<TimeProvider>(_time);

    [Fact]
    public async Task FortyAnswersQueuedInOneChannelDoNotHoldUpAnAnswerInAnother()
    {
        var start = _time.GetUtcNow();
        for (var i = 0; i < 40; i++)
        {
            using var busy = await Host.PostSignedAsync("/slack/commands", Command(Busy, i));
        }

        using var quiet = await Host.PostSignedAsync("/slack/commands", Command(Quiet, 40));

        var posted = await PostsUntilAsync(Quiet);

        // The quiet channel's answer went out with no time passing; the busy one had its first only.
        Assert.True(_time.GetUtcNow() - start < TimeSpan.FromSeconds(2));
        Assert.Equal([Busy, Quiet], posted);
    }

    [Fact]
    public async Task SummariesAndCorrectionsWaitingForOneChannelsTurnDoNotHoldUpAnAnswerInAnother()
    {
        var start = _time.GetUtcNow();
        var poster = Assert.Single(Host.App.Services.GetServices<IChannelPoster>(), poster => poster.Platform == "slack");
        var answered = new PostedMessage("slack", Busy, "1700000000.000777");

        // Three times as many as the queue has workers: summaries, and corrections posted next to an answer.
        var posts = Enumerable.Range(0, 3 * Workers)
            .Select(i => i % 2 == 0
                ? poster.PostAsync(Busy, TestReplies.Answer("/summary"), CancellationToken.None)
                : poster.PostNextToAsync(answered, TestReplies.Answer("who is musk"), CancellationToken.None))
            .ToList();
        using var quiet = await Host.PostSignedAsync("/slack/commands", Command(Quiet, 1));

        var posted = await PostsUntilAsync(Quiet);

        Assert.True(_time.GetUtcNow() - start < TimeSpan.FromSeconds(2));
        Assert.Equal([Busy, Quiet], posted);
        Assert.True((await posts[0].WaitAsync(TimeSpan.FromSeconds(30))).IsPosted);
        Assert.DoesNotContain(posts.Skip(1), post => post.IsCompleted);

        // The next goes out a second later, to its caller.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await posts[1].WaitAsync(TimeSpan.FromSeconds(30))).IsPosted);
        Assert.Equal(Busy, (await Slack.NextCallAsync("chat.postMessage")).Str("channel"));
    }

    [Fact]
    public async Task AnswersInOneChannelStillGoOutOneASecondInOrder()
    {
        for (var i = 0; i < 3; i++)
        {
            using var busy = await Host.PostSignedAsync("/slack/commands", Command(Busy, i));
        }

        var first = await Slack.NextCallAsync("chat.postMessage");
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await Slack.NextCallAsync("chat.postMessage");
        _time.Advance(TimeSpan.FromSeconds(1));
        var third = await Slack.NextCallAsync("chat.postMessage");

        Assert.All(new[] { first, second, third }, call => Assert.Equal(Busy, call.Str("channel")));
        Assert.Equal(3, Slack.Count("chat.postMessage"));
    }

    private string Command(string channel, int user) =>
        SlackPayloads.SlashCommandForm("/who-is", "altman", Slack.ResponseUrl("r" + user), user: $"U{user:D9}", channel: channel);

    private async Task<List<string>> PostsUntilAsync(string channel)
    {
        var channels = new List<string>();
        while (channels.LastOrDefault() != channel)
        {
            channels.Add((await Slack.NextCallAsync("chat.postMessage")).Str("channel")!);
        }

        return channels;
    }
}
