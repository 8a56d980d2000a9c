using System.Globalization;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Summaries;

/// <summary>
/// Puts a composed summary in its channel through the platform's <see cref="IChannelPoster"/>,
/// then records it with the answers the bot posted.
/// </summary>
/// <param name="logger">Shares the scheduler's category, so one log filter still shows every summary line.</param>
/// <param name="stories">The channel's story, which the summary is recorded as answered from (as it was composed from it).</param>
internal sealed class ScheduledSummaryPoster(
    IEnumerable<IChannelPoster> posters,
    IEnumerable<IAnswerRecorder> recorders,
    ILogger<SummaryScheduler> logger,
    ChannelStories? stories = null)
{
    private readonly IReadOnlyList<IChannelPoster> _posters = [.. posters];
    private readonly IReadOnlyList<IAnswerRecorder> _recorders = [.. recorders];

    /// <summary>Why a slot of a platform without poster cannot be posted.</summary>
    public static string NoPosterFor(string platform) => $"no poster is registered for platform '{platform}'";

    public bool CanPostTo(string platform) => Find(platform) is not null;

    /// <summary>What one message of <paramref name="platform"/> can carry; no limit of its own where no poster says.</summary>
    public PlatformLimits LimitsFor(string platform) => _posters.LimitsFor(platform);

    /// <summary>Posts the summary of <paramref name="slot"/>; the platform's verdict comes back as a result.</summary>
    public Task<PostResult> PostOnceAsync(SummarySchedule schedule, SummarySlot slot, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var poster = Find(schedule.Platform) ?? throw new InvalidOperationException(NoPosterFor(schedule.Platform));

        // Keyed by schedule and slot: a repeat after a crash right after posting is recognised where the platform can.
        var key = string.Create(CultureInfo.InvariantCulture, $"summary {schedule.Name} {slot.Utc:O}");
        return poster.PostOnceAsync(schedule.ChannelId, reply, key, cancellationToken);
    }

    /// <summary>
    /// Records the summary with the answers the bot posted, so its Report button finds it and a
    /// later withdrawal of one of its quotes corrects it like any answer. A failure is logged, not
    /// thrown: the summary is in the channel either way.
    /// </summary>
    public async Task RecordAnswerAsync(SummarySchedule schedule, SummarySlot slot, PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(message);
        var request = new ChatRequest(schedule.Platform, schedule.ChannelId, $"summary:{schedule.Name}", StorySummaryComposer.Command);
        try
        {
            using var story = StoryScope.Enter(stories is null ? null : await stories.StoryOfChannelAsync(schedule.Platform, schedule.ChannelId, cancellationToken));
            foreach (var recorder in _recorders)
            {
                await recorder.RecordAsync(message, request, reply, cancellationToken);
            }
        }
        catch (Exception ex) when (SummaryLog.IsFailure(ex, cancellationToken))
        {
            SummaryLog.AnswerNotRecorded(logger, SummarySlots.Local(schedule, slot), schedule.Name, schedule.Platform, schedule.ChannelId, message.MessageId, SummaryLog.Error(ex));
        }
    }

    private IChannelPoster? Find(string platform) => _posters.For(platform);
}
