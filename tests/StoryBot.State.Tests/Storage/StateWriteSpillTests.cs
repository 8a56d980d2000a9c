using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using StoryBot.Core.DataFiles;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Storage;

public sealed class StateWriteSpillTests : IDisposable
{
    private readonly DataDirectory _directory = new(Path.Combine(Path.GetTempPath(), "storybot-spill-" + Guid.NewGuid().ToString("N")), Path.GetTempPath());

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
            Assert.Empty(starting.ReadLeftOver());
            starting.Reset([]);
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
            next.ReadLeftOver();
            next.Reset([second]);
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
        using var next = new StateWriteSpill(_directory, new FakeLogger<StateWriteSpill>(logs));

        Assert.Equal([write], next.ReadLeftOver());
        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"Line 2 of {file} cannot be read (cut off when the bot stopped?) and is skipped", warning.Message);
    }

    private StateWriteSpill Spill() => new(_directory, NullLogger<StateWriteSpill>.Instance);

    private static StateWrite Write(string text, string? key = null) =>
        StateWrite.Of("test", new { text }) with { Key = key };
}
