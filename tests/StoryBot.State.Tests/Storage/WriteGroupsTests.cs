using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Storage;

/// <summary>Which writes of a commit run together, and in what order.</summary>
public sealed class WriteGroupsTests
{
    private readonly Kind _answers = new();
    private readonly Kind _questions = new();
    private readonly Dictionary<PendingWrite, string> _names = [];

    [Fact]
    public void WritesOfAKindRunTogetherAtTheirFirstWritesPlace()
    {
        PendingWrite[] batch = [Batched(_answers, "a1"), Batched(_questions, "q2"), Batched(_answers, "a3"), Batched(_questions, "q4"), Batched(_answers, "a5")];

        var groups = WriteGroups.Of(batch);

        Assert.Equal(["a1 a3 a5", "q2 q4"], groups.Select(Describe));
    }

    [Fact]
    public void AWriteThatRunsAloneIsNeitherOvertakenNorOvertaking()
    {
        PendingWrite[] batch = [Batched(_answers, "a1"), Alone("w2"), Batched(_answers, "a3"), Batched(_questions, "q4"), Batched(_answers, "a5"), Alone("w6"), Batched(_answers, "a7")];

        var groups = WriteGroups.Of(batch);

        Assert.Equal(["a1", "w2", "a3 a5", "q4", "w6", "a7"], groups.Select(Describe));
    }

    private PendingWrite Batched(Kind kind, string name) => Named(new PendingBatchedWrite<string, string>(kind, name, CancellationToken.None), name);

    private PendingWrite Alone(string name) => Named(new PendingWork<string>(_ => Task.FromResult(name), CancellationToken.None), name);

    private PendingWrite Named(PendingWrite write, string name)
    {
        _names[write] = name;
        return write;
    }

    private string Describe(IReadOnlyList<PendingWrite> group) => string.Join(' ', group.Select(write => _names[write]));

    private sealed class Kind : IBatchedWrite<string, string>
    {
        public Task<IReadOnlyList<string>> RunAsync(StateSession session, IReadOnlyList<string> items) => Task.FromResult(items);
    }
}
