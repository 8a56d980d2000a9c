using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Conversation;

/// <summary>The per-user limit on questions, on every platform (section <c>Cooldown</c>).</summary>
public sealed class CooldownOptions
{
    public const string Section = "Cooldown";

    /// <summary>Questions one user may ask within <see cref="Window"/>; the next gets one polite notice, then silence.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000, ErrorMessage = "Cooldown:MaxQuestions must be between 1 and 1000.")]
    public int MaxQuestions { get; set; } = 5;

    /// <summary>The sliding window the questions are counted over.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Cooldown:Window must be between 00:00:01 and 01:00:00.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);
}

public enum CooldownVerdict
{
    Allowed,

    /// <summary>Over the limit for the first time in this window: tell the user once.</summary>
    RefusedWithNotice,

    /// <summary>Over the limit and already told: stay silent.</summary>
    RefusedSilently,
}

/// <summary>
/// A sliding-window limit per user and platform, so one person cannot flood a channel. Users whose
/// window has emptied are forgotten, so a stream of new users cannot grow it without bound.
/// </summary>
/// <remarks>
/// Written on <see cref="TimeProvider"/> rather than on System.Threading.RateLimiting: its window
/// limiters read the system stopwatch even when replenished by hand (dotnet/runtime#106447), so
/// no test could move their clock, and tests here never wait on real time.
/// </remarks>
public sealed class UserCooldown : IDisposable
{
    private readonly ConcurrentDictionary<(string Platform, string User), Window> _windows = new();
    private readonly CooldownOptions _settings;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public UserCooldown(IOptions<CooldownOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _sweeper = time.CreateTimer(_ => Sweep(), null, _settings.Window, _settings.Window);
    }

    public CooldownVerdict Check(string platform, string userId)
    {
        while (true)
        {
            var now = _time.GetUtcNow();
            var window = _windows.GetOrAdd((platform, userId), _ => new Window());
            lock (window)
            {
                if (window.Forgotten)
                {
                    // Swept a moment ago: start again with a fresh window.
                    continue;
                }

                window.Expire(now, _settings.Window);
                if (window.Times.Count < _settings.MaxQuestions)
                {
                    window.Times.Enqueue(now);
                    window.Notified = false;
                    return CooldownVerdict.Allowed;
                }

                if (window.Notified)
                {
                    return CooldownVerdict.RefusedSilently;
                }

                window.Notified = true;
                return CooldownVerdict.RefusedWithNotice;
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>How many users the limit currently remembers.</summary>
    internal int Remembered => _windows.Count;

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, window) in _windows)
        {
            lock (window)
            {
                window.Expire(now, _settings.Window);
                if (window.Times.Count == 0)
                {
                    // Nothing left in the window: the same as a user never seen.
                    window.Forgotten = true;
                    _windows.TryRemove(KeyValuePair.Create(key, window));
                }
            }
        }
    }

    private sealed class Window
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public bool Notified { get; set; }

        public bool Forgotten { get; set; }

        public void Expire(DateTimeOffset now, TimeSpan length)
        {
            while (Times.Count > 0 && now - Times.Peek() >= length)
            {
                Times.Dequeue();
            }
        }
    }
}
