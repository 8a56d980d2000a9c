using System.Text.RegularExpressions;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge;

/// <summary>
/// Nothing story-specific lives in src/: the story's names, places and figures are in its folder under
/// knowledge/. The test reads what the code says at run time (string and character literals of every
/// .cs file, and every resource file outside comment lines) and skips comments, where an example
/// from the story explains the code without being served.
/// </summary>
public sealed partial class StoryStaysInThePackTests
{
    /// <summary>The names, places and figures of the story the checkout carries (knowledge/stargate-dispute/).</summary>
    private static readonly string[] StoryTerms =
    [
        "Stargate", "Musk", "Elon", "Altman", "OpenAI", "xAI", "SoftBank", "MGX", "DOGE", "Trump", "Nadella",
        "Abilene", "Texas", "Memphis", "Tennessee", "Davos", "White House", "Weißes Haus", "Weißen Haus", "TechCrunch",
        "500",
    ];

    private static readonly HashSet<string> ScannedExtensions =
        new([".cs", ".txt", ".json", ".yaml", ".yml", ".resx", ".xml", ".md", ".csproj", ".props"], StringComparer.OrdinalIgnoreCase);

    private static string Src => Path.Combine(RepoRoot.Path, "src");

    [Fact]
    public void NoLiteralOrResourceUnderSrcNamesTheStory()
    {
        var found = Occurrences(Src).ToList();

        Assert.True(found.Count == 0, "the story is named in src/; its texts belong in the story's story.yaml:\n" + string.Join("\n", found));
    }

    [Fact]
    public void FindsAStoryNameInAStringButNotInAComment()
    {
        const string code = """"
            // Musk in a comment explains the code.
            /// <summary>So does Stargate in a doc comment.</summary>
            class C { string A = "Ask about Stargate"; string B = $"{x} Altmans {y}"; string C = """
                raw text naming SoftBank, 2,500 guilds and 500 billion
                """; }
            """";

        var found = Terms(SourceLiterals.Of(code)).Select(f => $"{f.Line}:{f.Term}");

        Assert.Equal(["3:Stargate", "3:Altman", "3:SoftBank", "3:500"], found); // a literal is placed at the line it starts on
    }

    private static IEnumerable<Occurrence> Occurrences(string src)
    {
        foreach (var path in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(src, path).Replace('\\', '/');
            // Build output and local state (a database a run left beside the project) are not source.
            if (file.Split('/').Any(part => part is "bin" or "obj") || !ScannedExtensions.Contains(Path.GetExtension(path)))
            {
                continue;
            }

            var text = File.ReadAllText(path);
            var texts = path.EndsWith(".cs", StringComparison.Ordinal) ? SourceLiterals.Of(text) : ResourceLines(text);
            foreach (var (line, term) in Terms(texts))
            {
                yield return new Occurrence(file, line, term);
            }
        }
    }

    /// <summary>A resource's lines, without its comment lines (<c># …</c>, as the lexicon's word lists write them).</summary>
    private static IEnumerable<(int Line, string Text)> ResourceLines(string text) =>
        text.Split('\n').Select((line, i) => (Line: i + 1, Text: line)).Where(l => !l.Text.TrimStart().StartsWith('#'));

    private static IEnumerable<(int Line, string Term)> Terms(IEnumerable<(int Line, string Text)> texts) =>
        from text in texts
        from term in StoryTerms
        where Term(term).IsMatch(text.Text)
        select (text.Line, term);

    /// <summary>
    /// A name at the start of a word, in any case, so inflections count ("Altmans"); a figure as a whole
    /// number, not the end of another ("2,500", "00:00:02.500").
    /// </summary>
    private static Regex Term(string term) => new(
        char.IsDigit(term[0]) ? @"(?<![\p{L}\p{N}.,])" + Regex.Escape(term) + @"(?!\p{N})" : @"(?<![\p{L}\p{N}])" + Regex.Escape(term),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    private sealed record Occurrence(string File, int Line, string Term)
    {
        public override string ToString() => $"src/{File}:{Line}: {Term}";
    }
}
