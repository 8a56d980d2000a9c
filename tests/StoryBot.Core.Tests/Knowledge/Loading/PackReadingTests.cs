using System.Text;
using StoryBot.Core.Knowledge.Loading;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>An entry the readers leave out is never dropped without an error, whatever the schema let through.</summary>
public sealed class PackReadingTests
{
    private static YamlMap Entry(PackReading reading)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("- id: headline\n  source: story\n"));
        var entries = (YamlSequenceNode)stream.Documents[0].RootNode;
        return YamlMap.Open(entries.Children[0], new PackFile("excerpts.yaml", "story/excerpts.yaml", Encoding.UTF8.GetBytes("")), reading.Errors, "excerpt")!;
    }

    [Fact]
    public void AnEntryLeftOutWithNoOtherErrorIsReportedAtTheEntry()
    {
        var reading = new PackReading(new PackFiles(Path.GetTempPath()));
        reading.Skipped(Entry(reading));

        reading.Finish();

        var error = Assert.Single(reading.Errors.All);
        Assert.Equal("story/excerpts.yaml:1:3: excerpt 'headline' cannot be read: it does not read as its schema describes", error.ToString());
    }

    [Fact]
    public void AnEntryLeftOutBesideAnotherErrorAddsNothing()
    {
        var reading = new PackReading(new PackFiles(Path.GetTempPath()));
        var entry = Entry(reading);
        entry.Report(entry.Start, "excerpt 'headline': quote is not verbatim");
        reading.Skipped(entry);

        reading.Finish();

        Assert.Equal(["excerpt 'headline': quote is not verbatim"], reading.Errors.All.Select(e => e.Message));
    }
}
