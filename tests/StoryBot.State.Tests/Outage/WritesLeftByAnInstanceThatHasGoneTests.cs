using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.DataFiles;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// Two instances share a data directory; one is killed while a write waits for the store and is
/// never started again. The one still running applies that write, once, and removes its file.
/// </summary>
[RequiresPostgres]
public sealed class WritesLeftByAnInstanceThatHasGoneTests : IAsyncLifetime
{
    private readonly PostgresOutage _outage = new();

    public Task InitializeAsync() => _outage.InitializeAsync();

    public Task DisposeAsync() => _outage.DisposeAsync();

    [StorageFact]
    public async Task AWriteLeftWaitingByAnInstanceThatWasKilledLandsOnceWhileThisOneRuns()
    {
        var question = new UnansweredQuestion("Who won the lawsuit?", Language.English, "discord", ChannelKind.Channel, _outage.Time.GetUtcNow());

        // What a killed instance leaves: its file, its line flushed to disk, its lock gone with the process.
        using (var killed = new StateWriteSpill(new DataDirectory(_outage.DataDirectory, _outage.DataDirectory), Options.Create(new StorageOptions()), _outage.Time, NullLogger<StateWriteSpill>.Instance))
        {
            killed.Waiting(UnansweredQuestionWrite.Of(question));
        }

        await _outage.UntilAsync(async () => await CountAsync() > 0 && _outage.PendingWrites == 0);
        await _outage.UntilAsync(() => Task.FromResult(_outage.SpillFiles.Length == 0));

        Assert.Equal(1, await CountAsync());
    }

    private Task<long> CountAsync() => _outage.CountAsync("SELECT COUNT(*) FROM unanswered_questions WHERE question = 'Who won the lawsuit?'");
}
