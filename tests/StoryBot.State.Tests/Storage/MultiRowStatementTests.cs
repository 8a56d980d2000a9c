using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Storage;

/// <summary>Rows of a batch go in chunks of a few sizes, so a batch takes few statements of few texts.</summary>
public sealed class MultiRowStatementTests
{
    [Theory]
    [InlineData(0, 8, new int[0])]
    [InlineData(1, 8, new[] { 1 })]
    [InlineData(23, 32, new[] { 16, 4, 2, 1 })]
    [InlineData(23, 8, new[] { 8, 8, 4, 2, 1 })]
    [InlineData(300, 128, new[] { 128, 128, 32, 8, 4 })]
    public void RowsGoInTheLargestPowerOfTwoChunksUpToTheMostAStatementTakes(int rows, int maxRows, int[] chunks)
    {
        var cut = MultiRowStatement<int>.Chunks(rows, maxRows).ToList();

        Assert.Equal(chunks, cut.Select(c => c.Count));
        Assert.Equal(cut.Select(c => c.Start), cut.Select((_, i) => cut.Take(i).Sum(c => c.Count)));
    }
}
