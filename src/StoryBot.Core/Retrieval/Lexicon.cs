using System.Reflection;
using Lucene.Net.Analysis.Snowball;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Word lists the retriever needs beyond what the pack says: stop words (Snowball's lists
/// shipped with Lucene, plus chat filler), the same for every story. All entries are folded and
/// stemmed the same way questions are. The words a reader may use for a story's own concepts are
/// the story's (<see cref="StorySynonyms"/>).
/// </summary>
internal sealed class Lexicon
{
    private readonly HashSet<string> _fillerStems;

    private Lexicon(HashSet<string> englishStops, HashSet<string> germanStops, HashSet<string> fillerStems)
    {
        _fillerStems = fillerStems;
        EnglishStopWords = englishStops;
        GermanStopWords = germanStops;
    }

    public static Lexicon Default { get; } = Load();

    /// <summary>Folded surface forms that are stop words or filler in English.</summary>
    public IReadOnlySet<string> EnglishStopWords { get; }

    /// <summary>Folded surface forms that are stop words or filler in German.</summary>
    public IReadOnlySet<string> GermanStopWords { get; }

    /// <summary>
    /// Whether a question word carries no topic: a stop word, or any inflection of a filler
    /// word ("passierte" of "passieren").
    /// </summary>
    public bool IsStopWord(string surface) =>
        EnglishStopWords.Contains(surface) || GermanStopWords.Contains(surface) || TermForms.StemsOf(surface).Any(_fillerStems.Contains);

    private static Lexicon Load()
    {
        var snowball = typeof(SnowballFilter).Assembly;
        // Contractions ("won't") would fold to a content word ("won"); the list has their parts anyway.
        var english = Fold(ReadSnowball(snowball, "english_stop.txt").Where(w => !w.Contains('\'', StringComparison.Ordinal)));
        var german = Fold(ReadSnowball(snowball, "german_stop.txt"));

        // Filler lines are tagged by the language heading above them.
        var fillerStems = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? current = null;
        var prefix = string.Empty;
        foreach (var line in ReadOwn("filler.txt"))
        {
            if (line.StartsWith('#'))
            {
                (current, prefix) = line.Contains("German", StringComparison.Ordinal) ? (german, "de:")
                    : line.Contains("English", StringComparison.Ordinal) ? (english, "en:")
                    : (current, prefix);
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            current?.UnionWith(Fold(words));
            fillerStems.UnionWith(words.SelectMany(TermForms.StemsOf).Where(f => f.StartsWith(prefix, StringComparison.Ordinal)));
        }

        return new Lexicon(english, german, fillerStems);
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
