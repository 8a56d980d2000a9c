using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.DataFiles;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Storage;

/// <summary>
/// Two instances share a data directory; one crashes during an outage and is never started again.
/// The one still running takes its waiting writes over on its next look, and leaves alone the
/// files of instances that still run.
/// </summary>
public sealed class StateWriteTakeoverServiceTests : IAsyncLifetime
{
    // Safety net for a hung loop, not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = new StorageOptions().SpillTakeoverInterval;

    private readonly DataDirectory _directory = new(Path.Combine(Path.GetTempPath(), "storybot-takeover-" + Guid.NewGuid().ToString("N")), Path.GetTempPath());
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingKind _kind = new();
    private readonly ServiceProvider _services;

    public StateWriteTakeoverServiceTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(_directory);
        services.AddOptions<StorageOptions>();
        services.AddStateOutageTolerance();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateWriteKind>(_kind));
        _services = services.BuildServiceProvider();
    }

    private IEnumerable<IHostedService> Hosted => _services.GetServices<IHostedService>();

    private string[] Files => Directory.Exists(_directory.FullPath) ? Directory.GetFiles(_directory.FullPath) : [];

    public async Task InitializeAsync()
    {
        foreach (var hosted in Hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        await _services.DisposeAsync();
        if (Directory.Exists(_directory.FullPath))
        {
            Directory.Delete(_directory.FullPath, recursive: true);
        }
    }

    [Fact]
    public async Task AFileLeftWhileTheHostRunsByAProcessThatHasGoneLandsOnceAndGoesAndOneALiveProcessHoldsIsNotTouched()
    {
        var first = Write("first");
        var second = Write("second");
        using (var gone = Spill())
        {
            gone.Waiting(first);
            gone.Waiting(second);
        }

        var live = Spill();
        var held = Write("still waiting in a live process");
        live.Waiting(held);

        _time.Advance(Interval);
        await _kind.UntilAppliedAsync(2);
        await StopAsync();
        live.Dispose();

        Assert.Equal([first.Id, second.Id], _kind.Applied);
        Assert.Equal(0, _services.GetRequiredService<DeferredStateWrites>().Pending);
        Assert.Equal(live.FilePath, Assert.Single(Files));
        using var next = Spill();
        Assert.Equal([held], next.ReadLeftOver());
    }

    [Fact]
    public async Task AFileALiveProcessHeldIsTakenOverAtTheFirstLookAfterThatProcessHasGone()
    {
        var early = Write("early");
        var live = Spill();
        live.Waiting(early);
        var gone = Spill();
        gone.Waiting(Write("marker"));
        gone.Dispose();

        _time.Advance(Interval);
        await _kind.UntilAppliedAsync(1);
        live.Dispose();
        _time.Advance(Interval);
        await _kind.UntilAppliedAsync(2);
        await StopAsync();

        Assert.Equal(early.Id, _kind.Applied[1]);
        Assert.Empty(Files);
    }

    [Fact]
    public async Task AnEmptyFileACrashLeftIsDeletedAtTheNextLookAndOneALiveProcessHoldsIsNot()
    {
        var crashed = EmptySpillFile();
        var held = EmptySpillFile();
        using var holder = new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        _time.Advance(Interval);
        await UntilAsync(() => !File.Exists(crashed));

        Assert.Equal(held, Assert.Single(Files));
    }

    /// <summary>An empty spill file, created longer ago than a process takes to lock its own.</summary>
    private string EmptySpillFile()
    {
        Directory.CreateDirectory(_directory.FullPath);
        var path = Path.Combine(_directory.FullPath, $"{StateWriteSpill.FilePrefix}.{Guid.NewGuid():N}.jsonl");
        File.WriteAllBytes(path, []);
        File.SetLastWriteTimeUtc(path, (_time.GetUtcNow() - StateWriteSpill.EmptyFileAge).UtcDateTime);
        return path;
    }

    private static async Task UntilAsync(Func<bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!done())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "Nothing happened in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    private async Task StopAsync()
    {
        foreach (var hosted in Hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    private StateWriteSpill Spill() => new(_directory, Options.Create(new StorageOptions()), _time, NullLogger<StateWriteSpill>.Instance);

    private static StateWrite Write(string text) => StateWrite.Of(RecordingKind.Name, new { text });

    /// <summary>The store: the ids of the writes it was given, in order.</summary>
    private sealed class RecordingKind : IStateWriteKind
    {
        public const string Name = "test";

        private readonly ConcurrentQueue<string> _applied = new();
        private readonly Channel<string> _landed = Channel.CreateUnbounded<string>();
        private int _seen;

        public string Kind => Name;

        public string[] Applied => [.. _applied];

        public Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken)
        {
            _applied.Enqueue(write.Id);
            _landed.Writer.TryWrite(write.Id);
            return Task.FromResult(true);
        }

        /// <summary>Until <paramref name="count"/> writes in all have been applied.</summary>
        public async Task UntilAppliedAsync(int count)
        {
            for (; _seen < count; _seen++)
            {
                await _landed.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            }
        }
    }
}
