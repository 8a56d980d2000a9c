using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoryBot.Core.DataFiles;
using StoryBot.State.Storage;

namespace StoryBot.Benchmarks.Reliability;

/// <summary>
/// What keeping a state write that waits for an unreachable store costs, per write: kept in memory
/// only (queued as <see cref="DeferredStateWrites"/> queues it, and taken off again), beside also
/// spilling it to the data directory's file as the bot does (serialised to a JSON line, appended
/// and fsynced before the caller goes on), and the line that marks it landed (appended, not
/// fsynced). The write is shaped like an answer record, the largest and commonest kind (a line
/// of about 1.7 KB). The file is in a temporary folder; put TMPDIR on the disk the data directory
/// would be on.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*DeferredWriteCost*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class DeferredWriteCostBenchmarks : IDisposable
{
    private readonly StateWrite _write = AnswerRecord();
    private readonly Channel<StateWrite> _queue = Channel.CreateBounded<StateWrite>(
        new BoundedChannelOptions(new StorageOptions().MaxDeferredWrites) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private string _directory = string.Empty;
    private StateWriteSpill _spill = null!;

    [GlobalSetup]
    public void CreateSpill()
    {
        _directory = Directory.CreateTempSubdirectory("storybot-spill-").FullName;
        _spill = new StateWriteSpill(new DataDirectory(_directory, _directory), Options.Create(new StorageOptions()), TimeProvider.System, NullLogger<StateWriteSpill>.Instance);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _spill?.Dispose();
        if (_directory.Length > 0)
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "kept in memory only")]
    public bool InMemory() => Queue(_write);

    [Benchmark(Description = "spilled to the file (serialised, appended, fsynced) and kept in memory")]
    public bool Spilled()
    {
        _spill.Waiting(_write);
        return Queue(_write);
    }

    [Benchmark(Description = "its landed mark in the file (appended, not fsynced)")]
    public void LandedMark() => _spill.Landed(_write);

    private bool Queue(StateWrite write) => _queue.Writer.TryWrite(write) && _queue.Reader.TryRead(out _);

    /// <summary>An answer of a few sentences with two citations, as the answer log keeps it for later.</summary>
    private static StateWrite AnswerRecord()
    {
        var reply = new
        {
            text = string.Join(' ', Enumerable.Repeat("The Stargate project was announced with an initial commitment of $100 billion, to grow to $500 billion over four years.", 6)),
            citations = new[]
            {
                new { id = "stargate-announcement-3", source = "https://openai.com/index/announcing-the-stargate-project/", title = "Announcing The Stargate Project" },
                new { id = "stargate-funding-1", source = "https://www.example.com/news/stargate-funding", title = "Who pays for Stargate" },
            },
            language = "en",
            abstained = false,
        };
        return StateWrite.Of("answer", new
        {
            message = new { platform = "discord", channelId = "1234567890123456789", messageId = "1234567890123456790" },
            userId = "987654321098765432",
            question = "How much money has been committed to Stargate?",
            language = "en",
            reply = System.Text.Json.JsonSerializer.Serialize(reply),
            postedAt = 1_764_000_000_000L,
            citations = reply.citations.Select(c => new { excerpt = c.id, c.source }).ToArray(),
        });
    }
}
