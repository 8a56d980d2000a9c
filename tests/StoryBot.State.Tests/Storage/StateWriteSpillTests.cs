using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.DataFiles;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Storage;

public sealed class StateWriteSpillTests : IDisposable
{
    private readonly DataDirectory _directory = new(Path.Combine(Path.GetTempPath(), "storybot-spill-" + Guid.NewGuid().ToString("N")), Path.GetTempPath());
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_directory.FullPath))
        {
            Directory.Delete(_directory.FullPath, recursive: true);
        }
    }

    private string[] Files => Directory.Exists(_directory.FullPath) ? Directory.GetFiles(_directory.FullPath) : [];

    [Fact]
    public void WritesThatWaitWhenTheProcessStopsAreLeftOverInTheirOrderWithTheirKeysAndThoseThatLandedAreNot()
    {
        var first = Write("first", key: "slack:event-1");
        var second = Write("second");
        var third = Write("third");
        using (var stopped = Spill())
        {
            stopped.Waiting(first);
            stopped.Waiting(second);
            stopped.Waiting(third);
            stopped.Landed(second);
        }

        using var next = Spill();

        Assert.Equal([first, third], next.ReadLeftOver());
    }

    [Fact]
    public void NoFileIsLeftOnceNothingWaits()
    {
        using var spill = Spill();
        spill.Waiting(Write("first"));
        Assert.Single(Files);

        spill.Clear();

        Assert.Empty(Files);
    }

    [Fact]
    public void AFileARunningProcessHoldsIsLeftAloneAndTakenOverOnceItStops()
    {
        var write = Write("first");
        var running = Spill();
        running.Waiting(write);

        using (var starting = Spill())
        {
            Assert.Empty(starting.TakeOverAll());
        }

        running.Dispose();
        using var next = Spill();
        Assert.Equal([write], next.ReadLeftOver());
    }

    [Fact]
    public void WhatStillWaitsMovesToTheNewRunsFileAndTheOldFilesGo()
    {
        var first = Write("first");
        var second = Write("second");
        using (var stopped = Spill())
        {
            stopped.Waiting(first);
            stopped.Waiting(second);
        }

        var old = Assert.Single(Files);
        using (var next = Spill())
        {
            var file = Assert.Single(next.TakeLeftOver());
            using (file)
            {
                Assert.Equal([first, second], next.NextBatch(file, 2));
                Assert.True(next.Moved(second));
                Assert.True(next.FlushMoved());
                next.Finished(file);
            }

            Assert.Equal(next.FilePath, Assert.Single(Files));
        }

        Assert.DoesNotContain(old, Files);
        using var third = Spill();
        Assert.Equal([second], third.ReadLeftOver());
    }

    [Fact]
    public void ALineCutOffAtTheEndIsSkippedWithAWarningNamingTheFileAndTheLine()
    {
        var write = Write("first");
        using (var stopped = Spill())
        {
            stopped.Waiting(write);
        }

        var file = Assert.Single(Files);
        File.AppendAllText(file, "{\"id\":\"0f3a\",\"kind\":\"unanswered-question\",\"data\":{\"quest");
        var logs = new FakeLogCollector();
        using var next = Spill(new FakeLogger<StateWriteSpill>(logs));

        Assert.Equal([write], next.ReadLeftOver());
        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"Line 2 of {file} cannot be read (cut off when the bot stopped?) and is skipped", warning.Message);
    }

    [Fact]
    public void EveryLineSaysTheFormatVersionItIsWrittenIn()
    {
        using (var stopped = Spill())
        {
            var write = Write("first");
            stopped.Waiting(write);
            stopped.Waiting(Write("second"));
            stopped.Landed(write);
        }

        var lines = File.ReadAllLines(Assert.Single(Files));

        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.StartsWith($"{{\"v\":{StateWriteSpill.Version},", line, StringComparison.Ordinal));
    }

    [Fact]
    public void LinesWrittenBeforeTheFormatHadAVersionAreReadAsTheFirst()
    {
        Directory.CreateDirectory(_directory.FullPath);
        File.WriteAllLines(Path.Combine(_directory.FullPath, $"{StateWriteSpill.FilePrefix}.{Guid.NewGuid():N}.jsonl"),
        [
            "{\"id\":\"first\",\"kind\":\"test\",\"key\":\"slack:event-1\",\"data\":{\"text\":\"first\"}}",
            "{\"id\":\"second\",\"kind\":\"test\",\"data\":{\"text\":\"second\"}}",
            "{\"landed\":\"second\"}",
        ]);
        using var next = Spill();

        var write = Assert.Single(next.ReadLeftOver());

        Assert.Equal(("first", "test", "slack:event-1", "first"), (write.Id, write.Kind, write.Key, write.DataAs<Note>().Text));
    }

    [Fact]
    public void AFileWithALineOfAVersionThisBuildDoesNotKnowIsLeftWholeWithAWarningNamingTheFileTheLineAndTheVersion()
    {
        var write = Write("first");
        using (var stopped = Spill())
        {
            stopped.Waiting(write);
        }

        var newer = Path.Combine(_directory.FullPath, $"{StateWriteSpill.FilePrefix}.{Guid.NewGuid():N}.jsonl");
        string[] lines =
        [
            "{\"v\":2,\"id\":\"0f3a\",\"kind\":\"test\",\"data\":{\"text\":\"older-looking\"}}",
            "{\"v\":1,\"id\":\"1b2c\",\"kind\":\"test\",\"data\":{\"text\":\"second\"}}",
        ];
        File.WriteAllLines(newer, lines);
        var logs = new FakeLogCollector();

        using (var next = Spill(new FakeLogger<StateWriteSpill>(logs)))
        {
            Assert.Equal([write], next.TakeOverAll());

            // A running process looks again from time to time; the file is warned of once.
            Assert.Empty(next.TakeOverAll());
        }

        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(
            $"Line 1 of {newer} is of format version 2, which this build does not know; the file is left as it is, none of its writes applied, for a build that knows it",
            warning.Message);
        Assert.Equal(newer, Assert.Single(Files));
        Assert.Equal(lines, File.ReadAllLines(newer));
    }

    [Fact]
    public void AnEmptyFileIsLeftAloneForItsProcessMayHaveCreatedItAndNotYetLockedIt()
    {
        var creating = SpillFileWritten(_time.GetUtcNow() - StateWriteSpill.EmptyFileAge + TimeSpan.FromSeconds(1));

        using (var next = Spill())
        {
            Assert.Empty(next.TakeOverAll());
        }

        Assert.Equal(creating, Assert.Single(Files));
    }

    [Fact]
    public void AnEmptyFileNoProcessHoldsIsDeletedOnceItIsOlderThanAProcessTakesToLockItsFile()
    {
        var crashed = SpillFileWritten(_time.GetUtcNow() - StateWriteSpill.EmptyFileAge);
        var logs = new FakeLogCollector();

        using (var next = Spill(new FakeLogger<StateWriteSpill>(logs)))
        {
            Assert.Empty(next.TakeOverAll());
        }

        Assert.Empty(Files);
        var note = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Information, note.Level);
        Assert.Contains(crashed, note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFileARunningProcessHoldsIsNotDeletedHoweverOld()
    {
        var held = SpillFileWritten(_time.GetUtcNow() - TimeSpan.FromDays(1));

        using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        using (var next = Spill())
        {
            Assert.Empty(next.TakeOverAll());
        }

        Assert.Equal(held, Assert.Single(Files));
    }

    [Fact]
    public void AFileOfOnlyBlankLinesNoProcessHoldsIsDeleted()
    {
        // Its process wrote to it only while holding it, so with the lock free it has gone.
        SpillFileWritten(_time.GetUtcNow(), " \n\n\t\n");

        using (var next = Spill())
        {
            Assert.Empty(next.TakeOverAll());
        }

        Assert.Empty(Files);
    }

    [Fact]
    public void ANewWriteIsNotKeptPastTheFilesLimitWithOneWarningButWritesTakenOverStillMoveIn()
    {
        // Lines of one length: the limit holds exactly one.
        var first = Write("write-1");
        using (var stopped = Spill())
        {
            stopped.Waiting(first);
        }

        var oneLine = new FileInfo(Assert.Single(Files)).Length;
        var logs = new FakeLogCollector();
        string path;
        using (var next = Spill(new FakeLogger<StateWriteSpill>(logs), maxBytes: oneLine))
        {
            path = next.FilePath;
            Assert.True(next.Waiting(Write("write-2")));
            Assert.False(next.Waiting(Write("write-3")));
            Assert.False(next.Waiting(Write("write-4")));
            Assert.Equal([first], next.TakeOverAll());
            Assert.True(next.Moved(first));
        }

        Assert.Equal(path, Assert.Single(Files));
        Assert.Equal(2, File.ReadAllLines(path).Length);
        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Storage:MaxSpillFileBytes", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesAreReadBackInTheirOrderPastTheLandedMarksAndFromWhereTheLastReadStopped()
    {
        using var spill = Spill();
        var inMemory = Write("in memory");
        spill.Waiting(inMemory);
        var writes = Enumerable.Range(1, 5).Select(i => Write($"on disk only {i}")).ToList();
        spill.Waiting(writes[0]);
        var from = spill.LastLineStart;
        foreach (var write in writes.Skip(1))
        {
            spill.Waiting(write);
        }

        spill.Landed(inMemory);

        var firstRead = spill.ReadBack(from, 3, out var next, out var atEnd);
        var secondRead = spill.ReadBack(next, 3, out var last, out var atEndNow);

        Assert.Equal(writes.Take(3), firstRead);
        Assert.False(atEnd);
        Assert.Equal(writes.Skip(3), secondRead);
        Assert.True(atEndNow);
        Assert.Empty(spill.ReadBack(last, 3, out _, out _));

        // Appends go on at the end after a read.
        var later = Write("later");
        spill.Waiting(later);
        Assert.Equal([later], spill.ReadBack(last, 3, out _, out _));
    }

    private StateWriteSpill Spill(ILogger<StateWriteSpill>? logger = null, long? maxBytes = null) =>
        new(
            _directory,
            Options.Create(new StorageOptions { MaxSpillFileBytes = maxBytes ?? new StorageOptions().MaxSpillFileBytes }),
            _time,
            logger ?? NullLogger<StateWriteSpill>.Instance);

    /// <summary>A spill file as another process left it, last written at <paramref name="at"/>.</summary>
    private string SpillFileWritten(DateTimeOffset at, string text = "")
    {
        Directory.CreateDirectory(_directory.FullPath);
        var path = Path.Combine(_directory.FullPath, $"{StateWriteSpill.FilePrefix}.{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, at.UtcDateTime);
        return path;
    }

    private static StateWrite Write(string text, string? key = null) =>
        StateWrite.Of("test", new Note(text)) with { Key = key };

    private sealed record Note(string Text);
}
