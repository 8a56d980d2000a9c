using System.Xml.Linq;
using StoryBot.Hosting;
using StoryBot.Testing;
using StoryBot.Tests.Configuration;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Tests.Deployment;

/// <summary>
/// What the Dockerfile, compose.yaml and the README's container examples give the bot is what the
/// bot reads and accepts: no key it ignores, no required key missing, no value it would refuse.
/// </summary>
public sealed class DeploymentSettingsTests
{
    private const string DataVolume = "/var/lib/storybot";

    private static readonly Lazy<IReadOnlyList<OptionsSection>> Sections = new(() =>
        OptionsCatalog.Sections(new SourceDocComments(Path.Combine(RepositoryFiles.Root, "src"))));

    private static void AssertNone(IEnumerable<string> problems)
    {
        var all = problems.ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }

    public sealed class Image
    {
        [Fact]
        public void TheImageSettingsAreKeysTheBotReadsAndPassItsValidation()
        {
            AssertNone(SettingsCheck.Problems(DeploymentFiles.ImageEnvironment(), Sections.Value));
        }

        [Fact]
        public void TheDataDirectoryIsTheImagesVolume()
        {
            var volume = Assert.Single(DeploymentFiles.Dockerfile(), i => i.Instruction == "VOLUME").Arguments;

            Assert.Equal(DataVolume, volume);
            Assert.Equal(DataVolume, DeploymentFiles.ImageEnvironment()["Storage__DataDirectory"]);
        }

        [Fact]
        public void TheBotRunsAsAnUnprivilegedUser()
        {
            var user = DeploymentFiles.Dockerfile().Last(i => i.Instruction == "USER").Arguments;

            Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
            Assert.True(DeploymentFiles.Dockerfile().ToList().FindLastIndex(i => i.Instruction == "USER")
                < DeploymentFiles.Dockerfile().ToList().FindIndex(i => i.Instruction == "ENTRYPOINT"));
        }

        [Fact]
        public void TheHealthCheckIsTheBotsOwnHealthcheckCommand()
        {
            var check = Assert.Single(DeploymentFiles.Dockerfile(), i => i.Instruction == "HEALTHCHECK").Arguments;
            var command = check[(check.IndexOf("CMD ", StringComparison.Ordinal) + 4)..];
            var words = System.Text.Json.JsonSerializer.Deserialize<string[]>(command)!;

            Assert.Equal(new[] { "dotnet", "StoryBot.dll" }, words[..2]);
            Assert.Equal(RunKind.HealthCheck, RunMode.Parse(words[2..]).Kind);
        }

        [Fact]
        public void PackagesAreRestoredFromTheProjectFilesAloneBeforeTheSourcesAreCopied()
        {
            var instructions = DeploymentFiles.Dockerfile().ToList();
            var restore = instructions.FindIndex(i => i.Instruction == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
            var copiedBefore = instructions.Take(restore).Where(i => i.Instruction == "COPY").SelectMany(i => i.Arguments.Split(' ')[..^1]).ToHashSet();

            Assert.True(restore > 0, "the Dockerfile has no dotnet restore");
            Assert.Subset(copiedBefore, ProjectFilesOfTheBot().Append("Directory.Build.props").Append("Directory.Packages.props").ToHashSet());
            Assert.DoesNotContain("src/", copiedBefore);
            Assert.Contains("--no-restore", DeploymentFiles.ImageDotnetCommands().Single(c => c.StartsWith("dotnet publish", StringComparison.Ordinal)), StringComparison.Ordinal);
        }

        [Fact]
        public void CiBuildsTheBotWithTheImagesOwnRestoreAndPublishCommands()
        {
            Assert.Equal(DeploymentFiles.ImageDotnetCommands(), DeploymentFiles.CiBuildCommands());
        }

        [Fact]
        public void TheBuildContextLeavesOutBuildOutputStateAndHistory()
        {
            var ignored = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, ".dockerignore")).Select(l => l.Trim()).ToHashSet();

            Assert.Subset(ignored, new HashSet<string> { "**/bin/", "**/obj/", "artifacts/", ".git/", "**/TestResults/", "tests/", "data/", ".env" });
        }

        /// <summary>StoryBot.csproj and every project it references, transitively, relative to the repository.</summary>
        private static IEnumerable<string> ProjectFilesOfTheBot()
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>([Path.Combine(RepositoryFiles.Root, "src", "StoryBot", "StoryBot.csproj")]);
            while (pending.TryPop(out var project))
            {
                if (!found.Add(Path.GetRelativePath(RepositoryFiles.Root, project).Replace('\\', '/')))
                {
                    continue;
                }

                foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
                {
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value)));
                }
            }

            return found;
        }
    }

    public sealed class Compose
    {
        [Fact]
        public void TheComposeSettingsAreKeysTheBotReadsAndPassItsValidation()
        {
            var problems = new List<string>();
            var compose = DeploymentFiles.Compose(problems);

            AssertNone(problems.Concat(SettingsCheck.Problems(compose.Environment, Sections.Value)));
        }

        [Fact]
        public void TheSettingsItOffersCommentedOutAreValidOnceUncommented()
        {
            var problems = new List<string>();
            var compose = DeploymentFiles.Compose(problems);
            var commented = DeploymentFiles.ComposeCommentedEnvironment();
            var uncommented = new Dictionary<string, string>(compose.Environment.Concat(commented));

            Assert.NotEmpty(commented);
            AssertNone(problems.Concat(SettingsCheck.Problems(uncommented, Sections.Value)));
        }

        [Fact]
        public void SeveralInstancesShareOnePostgresDatabaseSoSummariesArePostedOnce()
        {
            var bot = DeploymentFiles.ComposeBot();
            var replicas = int.Parse(((YamlScalarNode)((YamlMappingNode)bot["deploy"])["replicas"]).Value!, System.Globalization.CultureInfo.InvariantCulture);
            var compose = DeploymentFiles.Compose([]);

            Assert.True(replicas >= 2, "compose.yaml runs one instance");
            Assert.Equal("postgres", compose.Environment["Storage__Provider"]);
            Assert.Contains("Host=postgres;", compose.Environment["Storage__ConnectionString"], StringComparison.Ordinal);
            Assert.All(compose.Volumes, v => Assert.EndsWith(":" + DataVolume, v, StringComparison.Ordinal));
            Assert.Equal("slack", compose.Environment["Summaries__Schedules__0__Platform"]);
            Assert.NotEmpty(compose.Environment["Summaries__Schedules__0__ChannelId"]);
        }
    }

    public sealed class Readme
    {
        [Fact]
        public void EveryDockerRunExampleGivesTheBotSettingsItAccepts()
        {
            var problems = new List<string>();
            var examples = DeploymentFiles.ReadmeDockerRuns(problems);

            Assert.NotEmpty(examples);
            foreach (var example in examples)
            {
                problems.AddRange(SettingsCheck.Problems(example.Environment, Sections.Value).Select(p => $"{example.Name}: {p}"));
            }

            AssertNone(problems);
        }

        [Fact]
        public void EveryDockerRunExampleKeepsItsStateInTheImagesVolume()
        {
            var examples = DeploymentFiles.ReadmeDockerRuns([]);

            Assert.All(examples, e => Assert.All(e.Volumes, v => Assert.EndsWith(":" + DataVolume, v, StringComparison.Ordinal)));
            Assert.Contains(examples, e => e.Volumes.Count > 0);
        }

        [Fact]
        public void EveryDockerRunExampleRunsACommandTheBotKnows()
        {
            foreach (var example in DeploymentFiles.ReadmeDockerRuns([]))
            {
                var mode = RunMode.Parse([.. example.Arguments]);

                Assert.True(mode.Kind != RunKind.AskOnce || !string.IsNullOrWhiteSpace(mode.Question), $"{example.Name}: ask without a question");
                Assert.All(mode.HostArgs, a => Assert.StartsWith("--", a, StringComparison.Ordinal));
            }
        }
    }
}
