using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;

namespace StoryBot.Benchmarks.Support;

/// <summary>
/// The load tools repeat a few commands and one question, as chat repeats itself, so most replies
/// come from the reply cache: every report says how many, and <c>--no-reply-cache</c> works every
/// reply out anew to show what the cache is worth.
/// </summary>
internal sealed class ReplyCacheReport
{
    private readonly ReplyCache _cache;
    private long _hits;
    private long _misses;

    private ReplyCacheReport(ReplyCache cache) => _cache = cache;

    public static bool Off(string[] args) => args.Contains("--no-reply-cache");

    /// <summary>Switches the cache off when asked for; call before the host is built.</summary>
    public static void Configure(IConfigurationBuilder configuration, string[] args)
    {
        if (Off(args))
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Answering:ReplyCacheSize"] = "0" });
        }
    }

    public static ReplyCacheReport For(IServiceProvider services) => new(services.GetRequiredService<ReplyCache>());

    public string Describe => _cache.Enabled ? "reply cache on (the load repeats its commands and question)" : "reply cache off (--no-reply-cache)";

    /// <summary>Counts from here on.</summary>
    public void Start() => (_hits, _misses) = (_cache.Hits, _cache.Misses);

    /// <summary>Hits and misses since <see cref="Start"/>.</summary>
    public string Since()
    {
        if (!_cache.Enabled)
        {
            return "reply cache off";
        }

        var (hits, misses) = (_cache.Hits - _hits, _cache.Misses - _misses);
        var rate = hits + misses == 0 ? 0 : (double)hits / (hits + misses);
        return string.Create(CultureInfo.InvariantCulture, $"reply cache {hits:N0} hits, {misses:N0} misses (hit rate {rate:P1})");
    }
}
