using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>
/// A command whose reply depends on nothing but its command line, the platform it is asked on,
/// the reply language, the pack in service and the citation filter: asked again, it may get the
/// reply already worked out (<see cref="ReplyCache"/>). A command with side effects, or one that
/// reads the asker, the channel or the clock, must not be one.
/// </summary>
public interface IRepeatableCommand : IChatCommand;

/// <summary>What a kept reply was worked out from, besides the pack and the citation filter.</summary>
/// <param name="Command">The command's name.</param>
/// <param name="Platform">Where it was asked: a reply may be sized for its platform.</param>
/// <param name="Text">The cleaned command line, or the question as the answer engine got it.</param>
/// <param name="Language">The language the command answers in.</param>
/// <param name="Preferred">The asker's locale, which a free question falls back on.</param>
internal readonly record struct ReplyKey(string Command, string Platform, string Text, Language Language, Language? Preferred);

/// <summary>
/// Replies already worked out, for questions and commands asked again: chat repeats itself, and a
/// free question costs milliseconds of sentence encoding. A reply is kept only under the pack
/// version and the citation filter it was worked out with, and everything kept is dropped the
/// moment either changes, so a reload or a moderator's withdrawal holds from the next request on,
/// as without the cache. The filter is still read on every request for that reason.
/// </summary>
internal sealed class ReplyCache(IKnowledgeProvider knowledge, ICitationPolicy policy, IOptions<AnsweringOptions> options)
{
    private readonly int _capacity = options.Value.ReplyCacheSize;
    // One generation per story: a host serving several keeps each story's replies apart, and a
    // question in one story's channel does not drop what the other's have worked out.
    private readonly ConcurrentDictionary<string, Generation> _byStory = new(StringComparer.Ordinal);
    private long _hits;
    private long _misses;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public bool Enabled => _capacity > 0;

    /// <summary>The reply kept for <paramref name="key"/>, or the one <paramref name="compute"/> works out now (and kept).</summary>
    public async Task<Reply> GetOrAddAsync(ReplyKey key, Func<Task<Reply>> compute, CancellationToken cancellationToken)
    {
        if (_capacity == 0)
        {
            return await compute();
        }

        var generation = await CurrentAsync(cancellationToken);
        if (generation.Replies.TryGetValue(key, out var kept))
        {
            Interlocked.Increment(ref _hits);
            return kept;
        }

        Interlocked.Increment(ref _misses);
        var reply = await compute();

        // The command read the filter itself: kept only if it is still the one the key was made
        // under, so a withdrawal during the computation cannot be kept out of later replies.
        if (await CurrentAsync(cancellationToken) == generation)
        {
            if (generation.Replies.Count >= _capacity)
            {
                // Bounded simply: a full cache starts over rather than tracking what was used last.
                generation.Replies.Clear();
            }

            generation.Replies.TryAdd(key, reply);
        }

        return reply;
    }

    private async ValueTask<Generation> CurrentAsync(CancellationToken cancellationToken)
    {
        var filter = await policy.GetFilterAsync(cancellationToken);
        var pack = knowledge.Current;
        while (true)
        {
            var current = _byStory.GetOrAdd(pack.Story.Id, static (_, state) => new Generation(state.Version, state.filter), (pack.Version, filter));
            if (current.PackVersion == pack.Version && SameFilter(current.Filter, filter))
            {
                return current;
            }

            var next = new Generation(pack.Version, filter);
            if (_byStory.TryUpdate(pack.Story.Id, next, current))
            {
                return next;
            }
        }
    }

    private static bool SameFilter(CitationFilter a, CitationFilter b) =>
        ReferenceEquals(a, b)
        || (a.DisabledSources.SetEquals(b.DisabledSources) && a.DisabledExcerpts.SetEquals(b.DisabledExcerpts) && a.DisabledQuotes.SetEquals(b.DisabledQuotes));

    private sealed class Generation(string packVersion, CitationFilter filter)
    {
        public string PackVersion { get; } = packVersion;

        public CitationFilter Filter { get; } = filter;

        public ConcurrentDictionary<ReplyKey, Reply> Replies { get; } = new();
    }
}
