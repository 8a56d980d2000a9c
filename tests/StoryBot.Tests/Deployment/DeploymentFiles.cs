using System.Text;
using System.Text.RegularExpressions;
using StoryBot.Testing;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Tests.Deployment;

/// <summary>A place a deployment file sets the bot's environment: what it sets, and the command it runs.</summary>
internal sealed record DeploymentExample(string Name, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Arguments, IReadOnlyList<string> Volumes);

/// <summary>
/// The Dockerfile, compose.yaml, .ci/run and the README's container examples, read as the tools
/// that run them would: settings, commands and volumes, with what they leave to the person running
/// them filled in from <see cref="DeploymentSamples"/>.
/// </summary>
internal static partial class DeploymentFiles
{
    public const string ComposeService = "storybot";

    public static string Root => RepositoryFiles.Root;

    /// <summary>The Dockerfile's instructions, one logical line each (continuations joined, comments dropped).</summary>
    public static IReadOnlyList<(string Instruction, string Arguments)> Dockerfile() =>
        [.. LogicalLines(File.ReadAllText(Path.Combine(Root, "Dockerfile")))
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : string.Empty))];

    /// <summary>The environment the image sets (its ENV instructions).</summary>
    public static IReadOnlyDictionary<string, string> ImageEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, arguments) in Dockerfile().Where(i => i.Instruction == "ENV"))
        {
            var words = ShellWords(arguments);
            if (words.Count == 2 && !words[0].Contains('=', StringComparison.Ordinal))
            {
                environment[words[0]] = words[1];
                continue;
            }

            foreach (var word in words)
            {
                var (name, value) = Split(word);
                environment[name] = value ?? string.Empty;
            }
        }

        return environment;
    }

    /// <summary>The <c>dotnet</c> commands the Dockerfile's RUN instructions run.</summary>
    public static IReadOnlyList<string> ImageDotnetCommands() =>
        [.. Dockerfile().Where(i => i.Instruction == "RUN" && i.Arguments.StartsWith("dotnet ", StringComparison.Ordinal)).Select(i => i.Arguments)];

    /// <summary>The <c>dotnet restore</c> and <c>dotnet publish</c> commands .ci/run runs.</summary>
    public static IReadOnlyList<string> CiBuildCommands() =>
        [.. LogicalLines(File.ReadAllText(Path.Combine(Root, ".ci", "run")))
            .Where(line => line.StartsWith("dotnet restore ", StringComparison.Ordinal) || line.StartsWith("dotnet publish ", StringComparison.Ordinal))];

    /// <summary>The bot's service in compose.yaml.</summary>
    public static YamlMappingNode ComposeBot()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(Root, "compose.yaml"))))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        return (YamlMappingNode)services[ComposeService];
    }

    /// <summary>The image's environment with the compose service's on top, as <c>docker compose up</c> starts it.</summary>
    public static DeploymentExample Compose(List<string> problems)
    {
        var bot = ComposeBot();
        var environment = new Dictionary<string, string>(ImageEnvironment(), StringComparer.Ordinal);
        if (bot.Children.TryGetValue("environment", out var node))
        {
            foreach (var (name, value) in ComposeEnvironment(node))
            {
                environment[name] = Interpolate(value, name, problems);
            }
        }

        return new DeploymentExample("compose.yaml", environment, [], Volumes(bot));
    }

    /// <summary>
    /// The settings compose.yaml offers commented out (<c># Summaries__Schedules__0__Name: morning</c>),
    /// which someone uncommenting them gets.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ComposeCommentedEnvironment() =>
        CommentedSetting().Matches(File.ReadAllText(Path.Combine(Root, "compose.yaml")))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim().Trim('"'), StringComparer.Ordinal);

    /// <summary>Every <c>docker run</c> in the README's shell examples, with the exports before it.</summary>
    public static IReadOnlyList<DeploymentExample> ReadmeDockerRuns(List<string> problems)
    {
        var examples = new List<DeploymentExample>();
        foreach (Match block in ShellBlock().Matches(File.ReadAllText(Path.Combine(Root, "README.md"))))
        {
            var exported = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in LogicalLines(block.Groups["body"].Value))
            {
                var words = ShellWords(line);
                if (words.Count > 0 && words[0] == "export")
                {
                    foreach (var (name, value) in words.Skip(1).Select(Split))
                    {
                        exported[name] = value ?? string.Empty;
                    }
                }
                else if (words.Count > 1 && words[0] == "docker" && words[1] == "run")
                {
                    examples.Add(DockerRun(line, words.Skip(2).ToList(), exported, problems));
                }
            }
        }

        return examples;
    }

    private static DeploymentExample DockerRun(string line, List<string> words, Dictionary<string, string> exported, List<string> problems)
    {
        var environment = new Dictionary<string, string>(ImageEnvironment(), StringComparer.Ordinal);
        var volumes = new List<string>();
        var flagsWithValue = new HashSet<string>(StringComparer.Ordinal) { "-e", "--env", "-v", "--volume", "-p", "--publish", "--name", "-w", "--workdir", "--user", "-u", "--network" };
        var i = 0;
        for (; i < words.Count && words[i].StartsWith('-'); i++)
        {
            var flag = words[i];
            if (!flagsWithValue.Contains(flag))
            {
                continue;
            }

            var value = words[++i];
            if (flag is "-e" or "--env")
            {
                var (name, given) = Split(value);
                var setting = given ?? exported.GetValueOrDefault(name);
                environment[name] = setting is null || IsPlaceholder(setting) ? Sample(name, problems) : setting;
            }
            else if (flag is "-v" or "--volume")
            {
                volumes.Add(value);
            }
        }

        // words[i] is the image; what follows is the bot's own command line.
        return new DeploymentExample(line, environment, words.Skip(i + 1).ToList(), volumes);
    }

    private static IEnumerable<(string Name, string Value)> ComposeEnvironment(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Select(c => (((YamlScalarNode)c.Key).Value!, ((YamlScalarNode)c.Value).Value ?? string.Empty)),
        YamlSequenceNode list => list.Children.Select(c => Split(((YamlScalarNode)c).Value!)).Select(s => (s.Name, s.Value ?? string.Empty)),
        _ => [],
    };

    private static IReadOnlyList<string> Volumes(YamlMappingNode service) =>
        service.Children.TryGetValue("volumes", out var node) && node is YamlSequenceNode list
            ? [.. list.Children.OfType<YamlScalarNode>().Select(v => v.Value!)]
            : [];

    /// <summary>Compose's <c>${NAME}</c>, <c>${NAME:-default}</c> and <c>${NAME:?message}</c>, with no variable set.</summary>
    private static string Interpolate(string value, string setting, List<string> problems) =>
        Variable().Replace(value.Replace("$$", "\0", StringComparison.Ordinal), match => match.Groups["op"].Value switch
        {
            "-" or ":-" => match.Groups["argument"].Value,
            _ => Sample(setting, problems),
        }).Replace("\0", "$", StringComparison.Ordinal);

    private static string Sample(string environmentName, List<string> problems)
    {
        var key = environmentName.Replace("__", ":", StringComparison.Ordinal);
        if (DeploymentSamples.For(key) is { } sample)
        {
            return sample;
        }

        problems.Add($"{environmentName} is left to whoever runs it, and DeploymentSamples has no stand-in for {key}");
        return string.Empty;
    }

    private static bool IsPlaceholder(string value) => value.Contains('…', StringComparison.Ordinal) || value.Contains('<', StringComparison.Ordinal);

    private static (string Name, string? Value) Split(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (assignment, null) : (assignment[..equals], assignment[(equals + 1)..]);
    }

    /// <summary>Lines with their <c>\</c> continuations joined, without comments or blank lines.</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || line.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1].Trim()).Append(' ');
                continue;
            }

            current.Append(line.Trim());
            yield return current.ToString();
            current.Clear();
        }
    }

    /// <summary>Words as a POSIX shell splits them: quotes group, an unquoted <c>#</c> starts a comment.</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?])(?<argument>[^}]*))?\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\s*#\s*(?<name>[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+):(?<value>.*)$", RegexOptions.Multiline)]
    private static partial Regex CommentedSetting();

    [GeneratedRegex(@"^```(?:bash|sh)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
