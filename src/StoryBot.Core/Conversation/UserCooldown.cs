using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Conversation;

public sealed class CooldownOptions
{
    public const string Section = "Cooldown";

    [System.ComponentModel.DataAnnotations.Range(1, 1000, ErrorMessage = "Cooldown:MaxQuestions must be between 1 and 1000.")]
    public int MaxQuestions { get; set; } = 5;

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
/// A sliding-window limit per user and platform, so one person cannot flood a channel.
/// </summary>
public sealed class UserCooldown(IOptions<CooldownOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Platform, string User), Window> _windows = new();

    public CooldownVerdict Check(string platform, string userId)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var window = _windows.GetOrAdd((platform, userId), _ => new Window());
        lock (window)
        {
            while (window.Times.Count > 0 && now - window.Times.Peek() >= settings.Window)
            {
                window.Times.Dequeue();
            }

            if (window.Times.Count < settings.MaxQuestions)
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

    private sealed class Window
    {
        public Queue<DateTimeOffset> Times { get; } = new();
        public bool Notified { get; set; }
    }
}
