using StoryBot.Core.Knowledge.Curation;

namespace StoryBot.Core.Tests.Knowledge.Curation;

public class SentenceSplitterTests
{
    [Fact]
    public void SplitsAtTheEndOfEachSentenceAndKeepsWhereEachStands()
    {
        const string Paragraph = "Musk ist natürlich keine neutrale Partei. Er hat sein eigenes KI-Unternehmen! Wer zahlt? Niemand.";

        var sentences = SentenceSplitter.Split(Paragraph);

        Assert.Equal(["Musk ist natürlich keine neutrale Partei.", "Er hat sein eigenes KI-Unternehmen!", "Wer zahlt?", "Niemand."], sentences.Select(s => s.Text));
        Assert.All(sentences, s => Assert.Equal(s.Text, Paragraph[s.Start..s.End]));
    }

    [Theory]
    [InlineData("Das Projekt wurde am 21. Januar vorgestellt. Danach kam Kritik.", "Das Projekt wurde am 21. Januar vorgestellt.")]
    [InlineData("Es kostet ca. 12 Mrd. Dollar, z. B. für Chips. Mehr ist nicht bekannt.", "Es kostet ca. 12 Mrd. Dollar, z. B. für Chips.")]
    [InlineData("Laut S. Altman ist das falsch. Musk widerspricht.", "Laut S. Altman ist das falsch.")]
    [InlineData("„Sie haben das Geld nicht. Das weiß ich“, schrieb Musk. Altman antwortete.", "„Sie haben das Geld nicht. Das weiß ich“, schrieb Musk.")]
    [InlineData("“They don't have the money. I know that,” Musk wrote. Altman replied.", "“They don't have the money. I know that,” Musk wrote.")]
    public void DoesNotCutInsideADateAnAbbreviationAnInitialOrAQuotation(string paragraph, string first)
    {
        var sentences = SentenceSplitter.Split(paragraph);

        Assert.Equal(2, sentences.Count);
        Assert.Equal(first, sentences[0].Text);
    }

    [Fact]
    public void KeepsATrailingSentenceWithoutAFullStop()
    {
        var sentences = SentenceSplitter.Split("Elon Musk und Sam Altman streiten um Stargate");

        Assert.Equal("Elon Musk und Sam Altman streiten um Stargate", Assert.Single(sentences).Text);
    }
}
