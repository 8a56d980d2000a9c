using System.Reflection;
using Lucene.Net.Analysis.Snowball;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Word lists the retriever needs beyond what the pack says: stop words (Snowball's lists
/// shipped with Lucene, plus chat filler) and synonym groups. All entries are folded and
/// stemmed the same way questions are.
/// </summary>
internal sealed class Lexicon
{
    private readonly Dictionary<string, int> _groupOfStem;
    private readonly List<string[]> _groupStems;

    private Lexicon(HashSet<string> englishStops, HashSet<string> germanStops, List<string[]> groups)
    {
        EnglishStopWords = englishStops;
        GermanStopWords = germanStops;
        _groupStems = groups;
        _groupOfStem = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var stem in groups[i])
            {
                _groupOfStem.TryAdd(stem, i);
            }
        }
    }

    public static Lexicon Default { get; } = Load();

    /// <summary>Folded surface forms that are stop words or filler in English.</summary>
    public IReadOnlySet<string> EnglishStopWords { get; }

    /// <summary>Folded surface forms that are stop words or filler in German.</summary>
    public IReadOnlySet<string> GermanStopWords { get; }

    public bool IsStopWord(string surface) => EnglishStopWords.Contains(surface) || GermanStopWords.Contains(surface);

    /// <summary>All stems that mean the same as <paramref name="stem"/>, itself included.</summary>
    public IReadOnlyList<string> Synonyms(string stem) =>
        _groupOfStem.TryGetValue(stem, out var group) ? _groupStems[group] : [stem];

    private static Lexicon Load()
    {
        var snowball = typeof(SnowballFilter).Assembly;
        var english = Fold(ReadSnowball(snowball, "english_stop.txt"));
        var german = Fold(ReadSnowball(snowball, "german_stop.txt"));

        // Filler lines are tagged by the language heading above them.
        HashSet<string>? current = null;
        foreach (var line in ReadOwn("filler.txt"))
        {
            if (line.StartsWith('#'))
            {
                current = line.Contains("German", StringComparison.Ordinal) ? german
                    : line.Contains("English", StringComparison.Ordinal) ? english
                    : current;
                continue;
            }

            foreach (var word in Fold(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                current?.Add(word);
            }
        }

        var groups = new List<string[]>();
        foreach (var line in ReadOwn("synonyms.txt"))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var stems = new HashSet<string>(StringComparer.Ordinal);
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                stems.UnionWith(TermForms.StemsOf(word));
            }

            groups.Add([.. stems]);
        }

        return new Lexicon(english, german, groups);
    }

    private static HashSet<string> Fold(IEnumerable<string> words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            set.UnionWith(StoryAnalyzers.Terms(StoryAnalyzers.Surface, word));
        }

        return set;
    }

    private static List<string> ReadSnowball(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Snowball." + file, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            // Snowball lists put one word first on a line, then a '|' comment.
            var word = line.Split('|')[0].Trim();
            if (word.Length > 0)
            {
                words.AddRange(word.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return words;
    }

    private static List<string> ReadOwn(string file)
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream("StoryBot.Lexicon." + file)
            ?? throw new InvalidOperationException($"Lexicon resource {file} is missing from the build.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line.Trim());
        }

        return lines;
    }
}
