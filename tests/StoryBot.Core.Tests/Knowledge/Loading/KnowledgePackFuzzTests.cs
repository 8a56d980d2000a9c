using System.Text;
using CsCheck;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// A curator's broken file is reported, never thrown: with any one file of a valid pack mangled
/// (indentation, tabs, anchors and aliases, tags, odd scalars, stray documents, bytes that are not
/// UTF-8), loading gives a pack or a list of errors and <see cref="KnowledgePackLoader.Load"/>
/// throws nothing but <see cref="KnowledgePackException"/>.
/// </summary>
public sealed class KnowledgePackFuzzTests : IDisposable
{
    private static readonly (string Path, string Text)[] Files =
    [
        ("sources/story.yaml", FixturePack.Source),
        ("excerpts.yaml", FixturePack.Excerpts),
        ("entities.yaml", FixturePack.Entities),
        ("facts/funding.yaml", FixturePack.FundingFacts),
        ("timeline.yaml", FixturePack.Timeline),
        ("summary.yaml", FixturePack.Summary),
    ];

    private static readonly string[] OddValues =
    [
        "&a anchored", "*a", "*undefined", "!!binary aGk=", "!custom x", "{", "[", "]", "}", "|", ">", "? key", "<<: *a", "~", "null",
        "1e400", "0x1F", "99999999999999999999", "-1", "0", "'unterminated", "\"\\ud800\"", "\"\\uDC00x\"", "[a, [b, [c]]]", "{a: {b: c}}",
        "[]", "{}", "''", "\"\"", "- - -", "@reserved", "`backtick", "%YAML 1.2", "---", "...", "&x [*x]", "\t", "é\u0301", "😀",
    ];

    private static readonly Gen<Func<string, string>> LineEdits = Gen.Frequency(
        (3, Gen.OneOf(OddValues).Select<string, Func<string, string>>(odd => line => line.Contains(':', StringComparison.Ordinal) ? line[..(line.IndexOf(':', StringComparison.Ordinal) + 1)] + " " + odd : odd)),
        (2, Gen.OneOf("\t", " ", "   ", "\t  ", "").Select<string, Func<string, string>>(indent => line => indent + line.TrimStart())),
        (1, Gen.OneOf(OddValues).Select<string, Func<string, string>>(odd => line => line + "\n" + odd)),
        (1, Gen.Const<Func<string, string>>(_ => string.Empty)),
        (1, Gen.Const<Func<string, string>>(line => line + "\n" + line)));

    private static readonly Gen<(string Path, byte[] Bytes)> Mangled = Gen.Select<(string Path, string Text), (double, Func<string, string>)[], byte[], (string Path, byte[] Bytes)>(
        Gen.OneOf(Files),
        Gen.Select(Gen.Double[0, 1], LineEdits).Array[1, 5],
        Gen.Frequency((8, Gen.Const(Array.Empty<byte>())), (1, Gen.OneOf<byte[]>([0xFF], [0xED, 0xA0, 0x80], [0xC0]))),
        (file, edits, bad) =>
        {
            var lines = file.Text.Split('\n');
            foreach (var (at, edit) in edits)
            {
                var index = (int)(at * (lines.Length - 1));
                lines[index] = edit(lines[index]);
            }

            return (file.Path, (byte[])[.. Encoding.UTF8.GetBytes(string.Join('\n', lines)), .. bad]);
        });

    private readonly FixturePack _pack = new();

    public void Dispose() => _pack.Dispose();

    [Fact]
    public void AnyMangledFileIsReportedAsErrorsNeverThrown() =>
        // One thread: every sample rewrites a file of the same pack.
        Mangled.Sample(mangled =>
        {
            var full = Path.Combine(_pack.Path, mangled.Path);
            var original = File.ReadAllBytes(full);
            File.WriteAllBytes(full, mangled.Bytes);
            try
            {
                var result = KnowledgePackLoader.TryLoad(_pack.Path);
                Assert.True(result.IsValid || result.Errors.Count > 0);
                Assert.All(result.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
                var thrown = Record.Exception(() => KnowledgePackLoader.Load(_pack.Path));
                Assert.True(thrown is null or KnowledgePackException, thrown?.ToString());
            }
            finally
            {
                File.WriteAllBytes(full, original);
            }
        }, iter: 150, threads: 1);
}
