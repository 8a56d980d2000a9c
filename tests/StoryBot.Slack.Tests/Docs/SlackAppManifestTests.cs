using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Tests.Fakes;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Slack.Tests.Docs;

/// <summary>The app manifests in docs/ must match what the adapter handles.</summary>
public class SlackAppManifestTests
{
    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(SourceText.RepositoryRoot, "docs", file));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static IEnumerable<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Select(item => ((YamlScalarNode)item).Value!);

    public class BothManifests
    {
        [Theory]
        [InlineData("slack-app-manifest.yaml")]
        [InlineData("slack-app-manifest.http.yaml")]
        public void DeclareEveryStoryCommandAsASlashCommand(string file)
        {
            var services = new ServiceCollection();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:Path"] = SourceText.KnowledgePath }).Build();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddLogging();
            services.AddStoryCore(configuration);
            using var provider = services.BuildServiceProvider();
            // The registry: the core's commands and the story's topic commands (/funding, /dispute).
            var commands = provider.GetRequiredService<ChatCommands>().Names.Select(name => "/" + name).ToHashSet();

            // The moderators' command and /whats-new come with the state features, which this check does not start.
            commands.UnionWith([ModeratorCommand.Line, "/whats-new"]);

            var declared = ((YamlSequenceNode)At(Load(file), "features", "slash_commands"))
                .Select(command => ((YamlScalarNode)At(command, "command")).Value!).ToHashSet();

            Assert.Superset(commands, declared);
            Assert.Subset(commands, declared);
        }

        [Theory]
        [InlineData("slack-app-manifest.yaml")]
        [InlineData("slack-app-manifest.http.yaml")]
        public void DeclareTheMessageShortcutTheAdapterAnswers(string file)
        {
            var shortcut = Assert.Single((YamlSequenceNode)At(Load(file), "features", "shortcuts"));

            Assert.Equal("message", ((YamlScalarNode)At(shortcut, "type")).Value);
            Assert.Equal(StoryBot.Slack.Handling.SlackConversation.AskAboutMessageCallbackId, ((YamlScalarNode)At(shortcut, "callback_id")).Value);
            Assert.InRange(((YamlScalarNode)At(shortcut, "name")).Value!.Length, 1, 24);
        }

        [Theory]
        [InlineData("slack-app-manifest.yaml")]
        [InlineData("slack-app-manifest.http.yaml")]
        public void EnableTheHomeTabTheAdapterPublishes(string file)
        {
            Assert.Equal("true", ((YamlScalarNode)At(Load(file), "features", "app_home", "home_tab_enabled")).Value);
        }

        [Theory]
        [InlineData("slack-app-manifest.yaml", true)]
        [InlineData("slack-app-manifest.http.yaml", false)]
        public void AskForTheEventsAndOnlyTheScopesTheAdapterUses(string file, bool socketMode)
        {
            var manifest = Load(file);

            Assert.Equal(["app_mentions:read", "channels:history", "chat:write", "commands", "groups:history", "im:history", "usergroups:read", "users:read"], Strings(At(manifest, "oauth_config", "scopes", "bot")).Order(StringComparer.Ordinal));
            Assert.Equal(["app_home_opened", "app_mention", "message.channels", "message.groups", "message.im"], Strings(At(manifest, "settings", "event_subscriptions", "bot_events")).Order());
            Assert.Equal("true", ((YamlScalarNode)At(manifest, "settings", "interactivity", "is_enabled")).Value);
            Assert.Equal(socketMode ? "true" : "false", ((YamlScalarNode)At(manifest, "settings", "socket_mode_enabled")).Value);
        }
    }
}
