using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Hosting;
using StoryBot.Testing;

namespace StoryBot.Tests.Configuration;

/// <summary>
/// docs/configuration.md lists every key of every options class, as the classes declare them
/// today; a new or changed option fails here until the reference is regenerated.
/// </summary>
public sealed class ConfigurationReferenceTests
{
    private static readonly Lazy<IReadOnlyList<OptionsSection>> Sections = new(() =>
        OptionsCatalog.Sections(new SourceDocComments(Path.Combine(RepositoryFiles.Root, "src"))));

    private static string DocPath => Path.Combine(RepositoryFiles.Root, ConfigurationReference.RelativePath);

    [Fact]
    public void TheReferenceListsEveryOptionAsTheOptionsClassesDeclareIt()
    {
        var expected = ConfigurationReference.Render(Sections.Value);
        if (Environment.GetEnvironmentVariable(ConfigurationReference.UpdateVariable) == "1")
        {
            File.WriteAllText(DocPath, expected);
            return;
        }

        var actual = File.Exists(DocPath) ? File.ReadAllText(DocPath) : string.Empty;
        var missing = Sections.Value.SelectMany(s => s.Keys).Where(k => !actual.Contains($"| `{k.Key}` |", StringComparison.Ordinal)).Select(k => k.Key).ToList();
        Assert.True(
            missing.Count == 0,
            $"{ConfigurationReference.RelativePath} lacks {string.Join(", ", missing)}. Regenerate it: {ConfigurationReference.UpdateCommand}");
        Assert.True(
            expected == actual,
            $"{ConfigurationReference.RelativePath} no longer matches the options classes (first difference at line {FirstDifferentLine(expected, actual)}). Regenerate it: {ConfigurationReference.UpdateCommand}");
    }

    [Fact]
    public void EveryOptionSaysWhatItIsFor()
    {
        var undescribed = Sections.Value.SelectMany(s => s.Keys).Where(k => string.IsNullOrWhiteSpace(k.Description)).Select(k => k.Key).ToList();

        Assert.True(undescribed.Count == 0, "Give these options a <summary> comment: " + string.Join(", ", undescribed));
    }

    [Fact]
    public void TheCatalogFindsTheSectionsTheBotBinds()
    {
        var names = Sections.Value.Select(s => s.Name).ToList();

        Assert.Subset(names.ToHashSet(), new HashSet<string> { "Answering", "Cooldown", "Discord", "Knowledge", "Moderation", "Slack", "Storage", "Summaries" });
        Assert.Contains(Sections.Value.Single(s => s.Name == "Storage").Keys, k => k.Key == "Storage:DataDirectory" && k.Default == "data");
        Assert.Contains(Sections.Value.Single(s => s.Name == "Summaries").Keys, k => k.Key == "Summaries:Schedules:0:TimeZone" && k.EnvironmentVariable == "Summaries__Schedules__0__TimeZone");
        Assert.Contains(Sections.Value.Single(s => s.Name == "Cooldown").Keys, k => k.Key == "Cooldown:Window" && k.Default == "00:00:30" && k.Validation == "00:00:01 – 01:00:00");
    }

    /// <summary>
    /// The reference finds options classes by their <c>Section</c> constant; one bound without it
    /// would be left out silently, so every options type the host binds to configuration must have one.
    /// </summary>
    [Theory]
    [InlineData]
    [InlineData("--Discord:Token=token", "--Discord:ApplicationId=775799577604177920", "--Discord:PublicKey=2a0ef0c1b6e7b3b2ad33c6f55e7d95d11c2b2ca5e1e3d5c8f46aa3f7c81d2e94", "--Slack:BotToken=xoxb-1", "--Slack:SigningSecret=secret", "--urls=http://127.0.0.1:0")]
    public void EveryOptionsClassTheHostBindsHasASectionConstant(params string[] args)
    {
        IServiceCollection? registered = null;
        using (StoryBotApp.Build(RunMode.Parse(args), services => registered = services))
        {
        }

        var bound = registered!
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Assembly.GetName().Name!.StartsWith("StoryBot", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(bound);
        Assert.All(bound, type => Assert.True(OptionsCatalog.SectionOf(type) is not null, $"{type.FullName} is bound to configuration but has no Section constant"));
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        return line + 1;
    }
}
