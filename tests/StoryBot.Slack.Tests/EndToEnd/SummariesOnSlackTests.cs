using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.State;
using StoryBot.State.Summaries;

namespace StoryBot.Slack.Tests.EndToEnd;

/// <summary>
/// A scheduled summary through the real Slack adapter: the slot a few minutes ago is still inside
/// the catch-up window, so the scheduler posts it at start with <c>chat.postMessage</c> to the
/// schedule's channel. Curated text carrying Slack markup arrives escaped, so it pings nobody. The
/// ledger keeps its ts and the link <c>chat.getPermalink</c> gave.
/// </summary>
public sealed class SummariesOnSlackTests : StatefulSlackHostTest
{
    private const string Channel = "C0SUMMARY";
    private const string Injection = "<!channel> <@U0VICTIM> & ";

    private protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Summaries:Schedules:0:Name"] = "slack-morning";
        settings["Summaries:Schedules:0:Platform"] = "slack";
        settings["Summaries:Schedules:0:ChannelId"] = Channel;
        settings["Summaries:Schedules:0:Time"] = TimeProvider.System.GetUtcNow().AddMinutes(-5).ToString("HH:mm", CultureInfo.InvariantCulture);
        settings["Summaries:Schedules:0:TimeZone"] = "Etc/UTC";
        settings["Summaries:Schedules:0:Language"] = "en";
    }

    private protected override void ConfigureFeatures(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSummaries(configuration);
        services.AddSingleton<IKnowledgeProvider>(new MarkedUpPack());
    }

    [Fact]
    public async Task AScheduledSummaryReachesTheChannelWithItsMarkupEscapedAndIsRecorded()
    {
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal(Channel, post.Str("channel"));
        var text = PostedBlocks.AllText(post.Body);
        Assert.Contains("Story summary", text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt; &lt;@U0VICTIM&gt; &amp;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
        Assert.NotEmpty(PostedBlocks.CitationIds(post.Body));

        var ledger = Host.App.Services.GetRequiredService<ISummaryLedger>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        SlotRecord? record;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, patience.Token);
            record = await ledger.LastPostedAsync("slack", Channel, patience.Token);
        }
        while (record is null);

        Assert.Equal(post.IssuedTs, record.MessageId);
        Assert.Equal(FakeSlack.Permalink(Channel, post.IssuedTs!), record.Permalink);
        Assert.Equal(Channel, (await Slack.NextCallAsync("chat.getPermalink")).Str("channel"));
        Assert.Equal(1, Slack.Count("chat.postMessage"));
    }

    /// <summary>The repository's pack, with Slack markup in front of every timeline event.</summary>
    private sealed class MarkedUpPack : IKnowledgeProvider
    {
        public KnowledgePack Current { get; } = Mark(KnowledgePackLoader.Load(StoryBot.Testing.RepositoryFiles.Story));

        private static KnowledgePack Mark(KnowledgePack pack) => new(
            pack.Story,
            pack.Sources,
            pack.Excerpts,
            pack.Entities,
            pack.Facts,
            [.. pack.Timeline.Select(entry => entry with { Event = new LocalizedText(Injection + entry.Event.En, Injection + entry.Event.De) })],
            pack.Summary,
            pack.Version);
    }
}
