using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// The Lucene analysis chains the retriever uses: surface tokens, English stems and German
/// stems (German normalisation folds umlauts so "Weisses Haus" meets "Weißes Haus").
/// </summary>
internal static class StoryAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static Analyzer Surface { get; } = new SurfaceAnalyzer();
    public static Analyzer English { get; } = new StemmingAnalyzer(german: false);
    public static Analyzer German { get; } = new StemmingAnalyzer(german: true);

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> and returns the terms.</summary>
    public static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>The terms with the span of the text each was made from, to show them as they were written.</summary>
    public static List<(string Term, int Start, int End)> TermsWithSpans(Analyzer analyzer, string text)
    {
        var terms = new List<(string Term, int Start, int End)>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return terms;
    }

    /// <summary>Lowercased, accent-folded word tokens with no stemming and no stop words.</summary>
    private sealed class SurfaceAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream result = SplitWords(source);
            result = new LowerCaseFilter(Version, result);
            result = new ASCIIFoldingFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }

    /// <summary>
    /// Stems without removing stop words: the query side decides what is a stop word, so a
    /// single-word question is never analysed to nothing.
    /// </summary>
    private sealed class StemmingAnalyzer(bool german) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream result = SplitWords(source);
            result = new LowerCaseFilter(Version, result);
            if (german)
            {
                result = new GermanNormalizationFilter(result);
                result = new GermanLightStemFilter(result);
            }
            else
            {
                result = new EnglishPossessiveFilter(Version, result);
                result = new ASCIIFoldingFilter(result);
                result = new PorterStemFilter(result);
            }

            return new TokenStreamComponents(source, result);
        }
    }

    /// <summary>"500bn" is "500" and "bn"; "Musk's" is "Musk".</summary>
    private static WordDelimiterFilter SplitWords(TokenStream input) => new(
        Version,
        input,
        WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS | WordDelimiterFlags.SPLIT_ON_NUMERICS | WordDelimiterFlags.STEM_ENGLISH_POSSESSIVE,
        null);

    internal static CharArraySet StopWords(bool german) => german ? GermanAnalyzer.DefaultStopSet : EnglishAnalyzer.DefaultStopSet;
}
