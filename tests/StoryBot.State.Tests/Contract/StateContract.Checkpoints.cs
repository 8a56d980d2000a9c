using StoryBot.Core.Platforms;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task ACheckpointSurvivesARestartAndTheLatestWriteWins()
    {
        var checkpoints = Start().Get<IConnectionCheckpoints>();
        Assert.Null(await checkpoints.ReadAsync("discord:gateway", CancellationToken.None));

        await checkpoints.WriteAsync("discord:gateway", "first", CancellationToken.None);
        await checkpoints.WriteAsync("discord:gateway", "second", CancellationToken.None);
        await checkpoints.WriteAsync("other", "kept apart", CancellationToken.None);

        var restarted = Start().Get<IConnectionCheckpoints>();
        Assert.Equal("second", await restarted.ReadAsync("discord:gateway", CancellationToken.None));
        Assert.Equal("kept apart", await restarted.ReadAsync("other", CancellationToken.None));
    }
}
