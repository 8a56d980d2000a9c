using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.DataFiles;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// A file of waiting writes, left by an instance that crashed, that holds several batches (a batch
/// is <c>Storage:MaxDeferredWrites</c>, three here): it is taken over a batch at a time, each
/// applied to the real SQLite store before the next is read, and a takeover cut short goes on
/// where it stopped.
/// </summary>
public sealed class LargeFileTakeoverTests
{
    private const int Batch = 3;

    private static readonly string[] Questions = [.. Enumerable.Range(1, 10).Select(i => $"Question {i}?")];

    private readonly Applications _applications = new();

    [Fact]
    public async Task AFileOfSeveralBatchesIsTakenOverWholeAndInOrderHoldingNoMoreThanABatchAtOnce()
    {
        await using var outage = await SqliteOutage.StartAsync(storage => storage.MaxDeferredWrites = Batch);
        LeftByACrash(outage, landed: 2);

        outage.Time.Advance(new StorageOptions().SpillTakeoverInterval);
        await outage.UntilAsync(() => outage.SpillFiles.Length == 0, TimeSpan.Zero);

        // The two that had landed before the crash are passed over, not applied again.
        Assert.Equal(Questions.Skip(2), await outage.QuestionsAsync());
        Assert.Equal(Batch, outage.Writes.MostTakenOverAtOnce);
        Assert.Equal(0, outage.Writes.Pending);
        Assert.DoesNotContain(outage.Logs.GetSnapshot(), log => log.Level >= LogLevel.Warning && !log.Message.StartsWith("State writes left waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATakeoverCutShortAfterItsFirstBatchGoesOnWhereItStoppedAndAppliesEveryWriteOnce()
    {
        await using var outage = await SqliteOutage.StartAsync(storage => storage.MaxDeferredWrites = Batch, CountingApplications);
        var writes = LeftByACrash(outage, landed: 0);

        // The next start dies as it is about to apply the first write of the second batch.
        _applications.DieAt = Batch + 1;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(outage.RestartAsync);
        Assert.Equal(Questions.Take(Batch), await outage.QuestionsAsync());
        Assert.Contains(outage.SpillFiles, file => file.EndsWith(".jsonl" + LeftOverSpillFile.CursorSuffix, StringComparison.Ordinal));

        _applications.DieAt = null;
        await outage.RestartAsync();

        Assert.Equal(Questions, await outage.QuestionsAsync());
        Assert.Equal(writes.Select(write => write.Id), _applications.Applied);
        Assert.Empty(outage.SpillFiles);

        // The cursor beside the file is not taken for a file of writes itself.
        Assert.DoesNotContain(outage.Logs.GetSnapshot(), log => log.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task WritesTakenOverWhileTheStoreIsAwayWaitHereInTheirOrderAndLandOnceItIsBack()
    {
        await using var outage = await SqliteOutage.StartAsync(storage => storage.MaxDeferredWrites = Batch);
        LeftByACrash(outage, landed: 0);

        outage.Cut();
        await outage.RecordAsync("Asked during the outage?");
        outage.Time.Advance(new StorageOptions().SpillTakeoverInterval);
        await outage.UntilAsync(() => outage.Writes.Pending == 11, TimeSpan.Zero);
        Assert.Equal(Batch, outage.Writes.MostTakenOverAtOnce);

        outage.Restore();
        await outage.UntilAsync(() => outage.Writes.Pending == 0, TimeSpan.FromSeconds(30));

        string[] expected = ["Asked during the outage?", .. Questions];
        Assert.Equal(expected, await outage.QuestionsAsync());
        Assert.Empty(outage.SpillFiles);
    }

    /// <summary>
    /// The file of a process that crashed with <see cref="Questions"/> waiting, of which the first
    /// <paramref name="landed"/> had landed (marked partway through, as the queue marks them).
    /// </summary>
    private static List<StateWrite> LeftByACrash(SqliteOutage outage, int landed)
    {
        var writes = Questions.Select(outage.UnansweredWrite).ToList();
        using var crashed = outage.OtherInstancesSpill();
        foreach (var (write, index) in writes.Select((write, index) => (write, index)))
        {
            crashed.Waiting(write);
            if (index == 4)
            {
                foreach (var early in writes.Take(landed))
                {
                    crashed.Landed(early);
                }
            }
        }

        return writes;
    }

    private void CountingApplications(IServiceCollection services)
    {
        services.RemoveAll<IStateWriteKind>();
        services.AddSingleton<IStateWriteKind>(provider =>
            new CountedKind(ActivatorUtilities.CreateInstance<UnansweredQuestionWrite>(provider), _applications));
    }

    /// <summary>Every write applied, over all the runs; and the application at which the process dies, if any.</summary>
    private sealed class Applications
    {
        private readonly ConcurrentQueue<string> _applied = new();

        public int? DieAt { get; set; }

        public string[] Applied => [.. _applied];

        public void Applying(StateWrite write)
        {
            if (_applied.Count + 1 == DieAt)
            {
                throw new OperationCanceledException("The process dies here.");
            }

            _applied.Enqueue(write.Id);
        }
    }

    private sealed class CountedKind(IStateWriteKind inner, Applications applications) : IStateWriteKind
    {
        public string Kind => inner.Kind;

        public Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken)
        {
            applications.Applying(write);
            return inner.ApplyAsync(write, cancellationToken);
        }
    }
}
