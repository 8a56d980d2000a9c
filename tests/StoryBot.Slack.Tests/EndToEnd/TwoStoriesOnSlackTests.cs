using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.State.Summaries;
using StoryBot.Testing;

namespace StoryBot.Slack.Tests.EndToEnd;

/// <summary>
/// One Slack host serving the real story and the harbour story side by side, with durable state: a channel
/// mapped to the harbour story is answered, summarized and moderated from it, every other channel from the
/// real story.
/// </summary>
public static class TwoStoriesOnSlackTests
{
    private const string HarbourChannel = "C0HARBOUR";
    private const string NewsChannel = SlackPayloads.Channel;

    public abstract class TwoStoriesHostTest : StatefulSlackHostTest, IDisposable
    {
        private readonly TwoStoryKnowledge _knowledge = new();

        private protected IReadOnlySet<string> HarbourExcerpts { get; private set; } = null!;

        private protected IReadOnlySet<string> StargateExcerpts { get; private set; } = null!;

        public void Dispose()
        {
            Dispose(disposing: true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _knowledge.Dispose();
            }
        }

        private protected override void Configure(Dictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Knowledge:Path"] = _knowledge.Path;
            settings["Knowledge:Reload"] = "false";
            settings["Stories:Default"] = TwoStoryKnowledge.Stargate;
            settings[$"Stories:Channels:{HarbourChannel}"] = TwoStoryKnowledge.Harbour;
            HarbourExcerpts = ExcerptsOf(TwoStoryKnowledge.Harbour);
            StargateExcerpts = ExcerptsOf(TwoStoryKnowledge.Stargate);
        }

        private HashSet<string> ExcerptsOf(string story) =>
            [.. KnowledgePackLoader.Load(_knowledge.FolderOf(story)).Excerpts.Select(e => e.Id)];
    }

    public sealed class Answers : TwoStoriesHostTest
    {
        private async Task<IReadOnlyList<string>> AskAsync(string channel, string command, string text = "")
        {
            using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm(command, text, Slack.ResponseUrl(channel), channel: channel));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var post = await Slack.NextCallAsync("chat.postMessage");
            Assert.Equal(channel, post.Str("channel"));
            return PostedBlocks.CitationIds(post.Body);
        }

        private async Task<string> ModerateAsync(string channel, string text)
        {
            using var response = await Host.PostSignedAsync(
                "/slack/commands", SlackPayloads.SlashCommandForm("/sources", text, Slack.ResponseUrl("mod"), user: SlackTestHost.ModeratorId, channel: channel));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return PostedBlocks.AllText(json.RootElement);
        }

        [Theory]
        [InlineData("/funding", "")]
        [InlineData("/ask", "Who is building the terminal?")]
        [InlineData("/summary", "")]
        public async Task EachChannelIsAnsweredFromItsOwnStory(string command, string text)
        {
            var harbour = await AskAsync(HarbourChannel, command, text);
            var news = await AskAsync(NewsChannel, command, text);

            Assert.NotEmpty(harbour);
            Assert.Subset(HarbourExcerpts.ToHashSet(), harbour.ToHashSet());
            Assert.DoesNotContain(news, HarbourExcerpts.Contains);
        }

        [Fact]
        public async Task AnExcerptWithdrawnInOneStorysChannelLeavesTheOtherStoryAsItWas()
        {
            var newsBefore = await AskAsync(NewsChannel, "/funding");
            var harbourBefore = await AskAsync(HarbourChannel, "/funding");
            Assert.Contains("cost-52m", harbourBefore);

            var disabled = await ModerateAsync(HarbourChannel, "disable cost-52m wrong figure");
            var harbourAfter = await AskAsync(HarbourChannel, "/funding");
            var newsAfter = await AskAsync(NewsChannel, "/funding");

            Assert.Contains("cost-52m", disabled, StringComparison.Ordinal);
            Assert.DoesNotContain("cost-52m", harbourAfter);
            Assert.Equal(newsBefore, newsAfter);
        }

        [Fact]
        public async Task AModeratorSetsAChannelsStoryAndItIsAnsweredFromItFromThenOn()
        {
            var before = await AskAsync(NewsChannel, "/funding");

            var set = await ModerateAsync(NewsChannel, $"story {TwoStoryKnowledge.Harbour}");
            var after = await AskAsync(NewsChannel, "/funding");
            var reset = await ModerateAsync(NewsChannel, "story default");
            var again = await AskAsync(NewsChannel, "/funding");

            Assert.DoesNotContain(before, HarbourExcerpts.Contains);
            Assert.Contains(TwoStoryKnowledge.Harbour, set, StringComparison.Ordinal);
            Assert.Contains("cost-52m", after);
            Assert.Contains(TwoStoryKnowledge.Stargate, reset, StringComparison.Ordinal);
            Assert.Equal(before, again);
        }

        [Fact]
        public async Task AModeratorInOneStorysChannelCannotWithdrawAnExcerptOfTheOther()
        {
            var newsBefore = await AskAsync(NewsChannel, "/funding");
            var stargateExcerpt = newsBefore[0];

            var refused = await ModerateAsync(HarbourChannel, $"disable {stargateExcerpt} not this story");
            var newsAfter = await AskAsync(NewsChannel, "/funding");

            Assert.Contains(stargateExcerpt, newsAfter);
            Assert.DoesNotContain("disabled", refused, StringComparison.OrdinalIgnoreCase);
        }
    }

    public sealed class Summaries : TwoStoriesHostTest
    {
        private protected override void Configure(Dictionary<string, string?> settings)
        {
            base.Configure(settings);
            var fiveMinutesAgo = TimeProvider.System.GetUtcNow().AddMinutes(-5).ToString("HH:mm", CultureInfo.InvariantCulture);
            foreach (var (index, channel) in new[] { (0, HarbourChannel), (1, NewsChannel) })
            {
                settings[$"Summaries:Schedules:{index}:Name"] = $"morning-{index}";
                settings[$"Summaries:Schedules:{index}:Platform"] = "slack";
                settings[$"Summaries:Schedules:{index}:ChannelId"] = channel;
                settings[$"Summaries:Schedules:{index}:Time"] = fiveMinutesAgo;
                settings[$"Summaries:Schedules:{index}:TimeZone"] = "Etc/UTC";
                settings[$"Summaries:Schedules:{index}:Language"] = "en";
            }
        }

        private protected override void ConfigureFeatures(IServiceCollection services, IConfiguration configuration) => services.AddSummaries(configuration);

        [Fact]
        public async Task EachChannelsScheduledSummaryCitesItsOwnStory()
        {
            var posts = new[] { await Slack.NextCallAsync("chat.postMessage"), await Slack.NextCallAsync("chat.postMessage") }
                .ToDictionary(post => post.Str("channel")!, post => PostedBlocks.CitationIds(post.Body));

            Assert.NotEmpty(posts[HarbourChannel]);
            Assert.NotEmpty(posts[NewsChannel]);
            Assert.Subset(HarbourExcerpts.ToHashSet(), posts[HarbourChannel].ToHashSet());
            Assert.Subset(StargateExcerpts.ToHashSet(), posts[NewsChannel].ToHashSet());
        }
    }
}
