using StoryBot.Core.Platforms;

namespace StoryBot.Core.Tests.Platforms;

public sealed class TextElementsTests
{
    [Theory]
    [InlineData("ab😀cd", 3, 2)] // inside the surrogate pair of 😀: before it
    [InlineData("ab😀cd", 4, 4)]
    [InlineData("e\u0301tat", 1, 0)] // é as e + combining acute: the mark stays with its letter
    [InlineData("👩‍💻 code", 3, 0)] // a joined emoji is one character to the reader
    [InlineData("short", 10, 5)]
    [InlineData("short", 0, 0)]
    public void ACutNeverFallsInsideACharacter(string text, int index, int expected)
    {
        Assert.Equal(expected, TextElements.BoundaryAtOrBefore(text, index));
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(1, 1)]
    public void ACutInsideOneHugeCharacterFallsBetweenItsCodePointsSoTheTextStillShrinks(int index, int expected)
    {
        // One letter with thousands of combining marks is a single text element.
        Assert.Equal(expected, TextElements.CutAtOrBefore("a" + new string('\u0301', 5000), index));
    }

    [Fact]
    public void ACutInsideOneHugeCharacterStillKeepsSurrogatePairsWhole()
    {
        // Skin-tone modifiers extend the letter before them; index 2 is inside the first one's pair.
        var text = "a" + string.Concat(Enumerable.Repeat("\U0001F3FD", 100));

        Assert.Equal(1, TextElements.CutAtOrBefore(text, 2));
    }

    [Fact]
    public void ShorteningKeepsTextThatFitsAndOtherwiseEndsInAnEllipsisWithinTheLimit()
    {
        // The emoji straddles the last place an ellipsis leaves room for.
        var question = new string('x', 118) + "😀 and more";

        var shortened = TextElements.Shorten(question, 120);

        Assert.Equal("short", TextElements.Shorten("short", 120));
        Assert.True(shortened.Length <= 120);
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
        Assert.DoesNotContain(shortened, char.IsSurrogate);
        Assert.Equal(new string('x', 118) + "…", shortened);
    }
}
