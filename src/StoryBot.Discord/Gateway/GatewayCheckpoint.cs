using System.Text.Json;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// The Gateway session as the next run can resume it: its id, where to resume, and the last
/// sequence up to which every dispatch is safely taken in (a message's journal write committed,
/// not merely received). Discord replays what came after that sequence on RESUME, so a message
/// that arrived just before a crash is delivered again instead of lost; one that was journaled
/// after the checkpoint was written is refused by the journal as a redelivery. Each shard keeps its
/// own, under <see cref="NameOf"/>.
/// </summary>
/// <remarks>Six constructor parameters on purpose: the shard it is kept for, where and for whom it is kept, and how often by which clock; the logger is ambient.</remarks>
internal sealed partial class GatewayCheckpoint(ShardId shard, IConnectionCheckpoints store, BotIdentity identity, DiscordTimings timings, TimeProvider time, ILogger<GatewayCheckpoint> logger) : IDisposable
{
    /// <summary>Where the whole bot's one session (shard 0 of 1) is kept, as it was before StoryBot ran shards.</summary>
    public const string Name = "discord:gateway-session";

    private readonly string _name = NameOf(shard);

    private readonly Lock _lock = new();
    private readonly SortedSet<long> _pending = [];
    private readonly SemaphoreSlim _saving = new(1, 1);
    private string? _sessionId;
    private string? _resumeUrl;
    private long _lastSeen = -1;

    /// <summary>Bumped with each new session, so a write still pending from the old one cannot move the new one's mark.</summary>
    private int _generation;

    private SavedSession? _saved;
    private bool _failing;

    /// <summary>The session the last run left, or null when there is none or it cannot be read.</summary>
    public async Task<SavedSession?> RestoreAsync(CancellationToken cancellationToken)
    {
        SavedSession? saved;
        try
        {
            saved = await store.ReadAsync(_name, cancellationToken) is { } value ? JsonSerializer.Deserialize<SavedSession>(value, DiscordJson.Options) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRestoreFailed(shard, ex.Message);
            return null;
        }

        if (saved is not { SessionId.Length: > 0, ResumeGatewayUrl.Length: > 0, UserId.Length: > 0, Seq: >= 0 })
        {
            return null;
        }

        // A resumed session sends no READY, and mentions are recognised by the bot's id.
        identity.Set(saved.UserId);

        lock (_lock)
        {
            _generation++;
            _pending.Clear();
            (_sessionId, _resumeUrl, _lastSeen, _saved) = (saved.SessionId, saved.ResumeGatewayUrl, saved.Seq, saved);
        }

        LogRestored(shard, saved.Seq);
        return saved;
    }

    /// <summary>A new session (READY): its sequence numbers start afresh.</summary>
    public void Begin(string sessionId, string resumeUrl)
    {
        lock (_lock)
        {
            _generation++;
            _pending.Clear();
            (_sessionId, _resumeUrl, _lastSeen) = (sessionId, resumeUrl, -1);
        }
    }

    /// <summary>The session ended for good (Discord will not resume it): nothing more is written for it.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _generation++;
            _pending.Clear();
            (_sessionId, _resumeUrl, _lastSeen) = (null, null, -1);
        }
    }

    /// <summary>
    /// Notes a dispatch, in the order it was received. <paramref name="takenIn"/> completes once
    /// the dispatch needs no replay; cancelled or failed, it holds the mark below it for good, so
    /// the next run has Discord deliver it again.
    /// </summary>
    public void Track(long sequence, Task takenIn)
    {
        int generation;
        lock (_lock)
        {
            if (sequence <= _lastSeen)
            {
                return;
            }

            _lastSeen = sequence;
            if (takenIn.IsCompletedSuccessfully)
            {
                return;
            }

            _pending.Add(sequence);
            generation = _generation;
        }

        _ = takenIn.ContinueWith(
            done =>
            {
                if (!done.IsCompletedSuccessfully)
                {
                    return;
                }

                lock (_lock)
                {
                    if (generation == _generation)
                    {
                        _pending.Remove(sequence);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Writes the checkpoint when it moved; a failure is logged and the next write tries again.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _saving.WaitAsync(cancellationToken);
        try
        {
            var current = Current();
            if (current is null || current == _saved)
            {
                return;
            }

            await store.WriteAsync(_name, JsonSerializer.Serialize(current, DiscordJson.Options), cancellationToken);
            _saved = current;
            if (_failing)
            {
                _failing = false;
                LogSaveRecovered(shard);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_failing)
            {
                _failing = true;
                LogSaveFailed(shard, ex.Message);
            }
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <summary>Writes the checkpoint now and again until stopped, then once more with what was taken in by then.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(timings.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await SaveAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        using var last = new CancellationTokenSource(timings.CheckpointInterval * 5, time);
        try
        {
            await SaveAsync(last.Token);
        }
        catch (OperationCanceledException)
        {
            LogLastSaveTimedOut(shard);
        }
    }

    /// <summary>
    /// The checkpoint's name for a shard. Shard 0 of 1 keeps the name the single session always had,
    /// so a bot that starts running shards resumes its last session; any other shard, or shard 0 of
    /// another count, has its own, since a session identified for one count cannot serve another.
    /// </summary>
    public static string NameOf(ShardId shard) => shard.IsSole ? Name : $"{Name}:{shard.Id}/{shard.Count}";

    public void Dispose() => _saving.Dispose();

    private SavedSession? Current()
    {
        lock (_lock)
        {
            if (_sessionId is null || _resumeUrl is null || _lastSeen < 0 || identity.UserId is not { } userId)
            {
                return null;
            }

            var safe = _pending.Count > 0 ? _pending.Min - 1 : _lastSeen;
            return new SavedSession(_sessionId, _resumeUrl, safe, userId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the Discord Gateway session of shard {Shard} the last run left, from sequence {Sequence}")]
    private partial void LogRestored(ShardId shard, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the last run's Discord Gateway session of shard {Shard} ({Error}); identifying afresh, so messages sent while the bot was down are not delivered")]
    private partial void LogRestoreFailed(ShardId shard, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the Discord Gateway session of shard {Shard} ({Error}); a restart now resumes from the last saved sequence")]
    private partial void LogSaveFailed(ShardId shard, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saving the Discord Gateway session of shard {Shard} works again")]
    private partial void LogSaveRecovered(ShardId shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the Discord Gateway session of shard {Shard} at stop timed out; the next run resumes from the last saved sequence")]
    private partial void LogLastSaveTimedOut(ShardId shard);
}

/// <param name="Seq">Every dispatch up to this one is taken in; RESUME asks Discord for those after it.</param>
/// <param name="UserId">The bot's own id, which READY told the session.</param>
internal sealed record SavedSession(string SessionId, string ResumeGatewayUrl, long Seq, string UserId);
