using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Telemetry;

/// <summary>
/// StoryBot's spans and instruments, all named here: one <see cref="ActivitySource"/> and one
/// <see cref="Meter"/> called <see cref="Name"/>, which the host hands to OpenTelemetry. With nobody
/// listening, a span is not created and a measurement is a check of a flag. Every tag is of low
/// cardinality: never a user id, a channel id or what someone typed (the question's text only
/// where <see cref="TelemetryContentOptions.UserText"/> allows it, and only on spans).
/// </summary>
public sealed class StoryBotTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "StoryBot";

    /// <summary>Spans of every library: the receipt of a request, the answer's stages, rendering, posting and recording.</summary>
    public static readonly ActivitySource Source = new(Name, typeof(StoryBotTelemetry).Assembly.GetName().Version?.ToString(3));

    private static readonly double[] AnswerBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] WaitBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Meter _meter;
    private readonly Counter<long> _questions;
    private readonly Histogram<double> _answerDuration;
    private readonly Histogram<double> _acknowledgementDuration;
    private readonly Counter<long> _postFailures;
    private readonly Histogram<double> _rateLimitWaits;
    private readonly Counter<long> _reconnects;
    private readonly List<WorkLane> _lanes = [];

    public StoryBotTelemetry(IMeterFactory meters, IOptions<TelemetryContentOptions> content)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(content);
        UserText = content.Value.UserText;
        _meter = meters.Create(Name, Source.Version);
        _questions = _meter.CreateCounter<long>(Instruments.Questions, "{question}", "Requests handled, by platform, command and outcome (answered, abstained, refused, failed).");
        _answerDuration = _meter.CreateHistogram(Instruments.AnswerDuration, "s", "Time from a request reaching the conversation pipeline to its reply being ready.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AnswerBuckets });
        _acknowledgementDuration = _meter.CreateHistogram(Instruments.AcknowledgementDuration, "s", "Time from receiving a platform request to acknowledging it (the HTTP response, the Socket Mode ack, the interaction callback).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AnswerBuckets });
        _postFailures = _meter.CreateCounter<long>(Instruments.PostFailures, "{post}", "Posts and edits of replies that failed for good, by platform and reason.");
        _rateLimitWaits = _meter.CreateHistogram(Instruments.RateLimitWaits, "s", "Waits imposed by a platform's rate limits, by platform and what imposed them.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
        _reconnects = _meter.CreateCounter<long>(Instruments.Reconnects, "{reconnect}", "Reconnections of the Discord Gateway and of Slack Socket Mode.");
        _meter.CreateObservableGauge(Instruments.QueueDepth, ObserveLanes, "{item}", "Work handed off by the platform adapters: waiting for a channel's turn, queued, or running.");
    }

    /// <summary>Whether the question's text may be attached to spans.</summary>
    public bool UserText { get; }

    /// <summary>Starts a span of <see cref="Source"/>, or returns null when nobody samples it.</summary>
    public static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal) => Source.StartActivity(name, kind);

    /// <summary>Counts a handled request and times its answer.</summary>
    public void QuestionHandled(string platform, string command, string outcome, TimeSpan elapsed)
    {
        if (!_questions.Enabled && !_answerDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { Tags.Platform, platform }, { Tags.Command, command }, { Tags.Outcome, outcome } };
        _questions.Add(1, tags);
        _answerDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void Acknowledged(string platform, string requestKind, TimeSpan elapsed) =>
        _acknowledgementDuration.Record(elapsed.TotalSeconds, new TagList { { Tags.Platform, platform }, { Tags.RequestKind, requestKind } });

    /// <summary>
    /// Runs one post or edit of a reply in a <c>post</c> span; when it fails for a reason
    /// <paramref name="reasonOf"/> names, counts the failure under that reason and lets the exception go on.
    /// </summary>
    /// <param name="reasonOf">The platform's error code or HTTP status of a failure, or null for one that is not the platform's (a cancellation).</param>
    public async Task<T> PostAsync<T>(string platform, Func<Task<T>> post, Func<Exception, string?> reasonOf)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reasonOf);
        using var activity = Start(Spans.Post, ActivityKind.Client);
        activity?.SetTag(Tags.Platform, platform);
        try
        {
            return await post();
        }
        catch (Exception exception)
        {
            if (reasonOf(exception) is { } reason)
            {
                PostFailed(platform, reason);
                activity?.SetTag(Tags.Reason, reason);
                activity?.SetStatus(ActivityStatusCode.Error, reason);
            }

            throw;
        }
    }

    /// <inheritdoc cref="PostAsync{T}(string, Func{Task{T}}, Func{Exception, string?})"/>
    public Task PostAsync(string platform, Func<Task> post, Func<Exception, string?> reasonOf) =>
        PostAsync(platform, async () =>
        {
            await post();
            return true;
        }, reasonOf);

    /// <param name="reason">The platform's error code or HTTP status: a small, fixed set.</param>
    public void PostFailed(string platform, string reason) =>
        _postFailures.Add(1, new TagList { { Tags.Platform, platform }, { Tags.Reason, reason } });

    /// <param name="scope">What imposed the wait: <see cref="RateLimitScopes"/>.</param>
    public void RateLimitWaited(string platform, string scope, TimeSpan waited) =>
        _rateLimitWaits.Record(waited.TotalSeconds, new TagList { { Tags.Platform, platform }, { Tags.RateLimitScope, scope } });

    /// <param name="action">How the connection comes back: <c>resume</c> or <c>identify</c> (Discord), <c>reconnect</c> (Slack).</param>
    public void Reconnecting(string platform, string action) =>
        _reconnects.Add(1, new TagList { { Tags.Platform, platform }, { Tags.ReconnectAction, action } });

    /// <summary>The tag value of a channel kind: <c>direct</c>, <c>channel</c>, <c>console</c> or <c>unknown</c>.</summary>
    public static string ChannelKindTag(ChannelKind kind) => kind switch
    {
        ChannelKind.Direct => "direct",
        ChannelKind.Channel => "channel",
        ChannelKind.Console => "console",
        _ => "unknown",
    };

    /// <summary>Adds a lane to the queue-depth gauge.</summary>
    public void Observe(WorkLane lane)
    {
        lock (_lanes)
        {
            _lanes.Add(lane);
        }
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> ObserveLanes()
    {
        WorkLane[] lanes;
        lock (_lanes)
        {
            lanes = [.. _lanes];
        }

        foreach (var lane in lanes)
        {
            var (waiting, queued, running) = lane.Depth;
            yield return new Measurement<int>(waiting, LaneTags(lane, WorkStates.WaitingForTurn));
            yield return new Measurement<int>(queued, LaneTags(lane, WorkStates.Queued));
            yield return new Measurement<int>(running, LaneTags(lane, WorkStates.Running));
        }
    }

    private static TagList LaneTags(WorkLane lane, string state) =>
        new() { { Tags.Platform, lane.Platform }, { Tags.Lane, lane.Name }, { Tags.WorkState, state } };

    /// <summary>The instruments' names, as exporters and dashboards see them (Prometheus replaces dots with underscores and adds the unit).</summary>
    public static class Instruments
    {
        public const string Questions = "storybot.questions";
        public const string AnswerDuration = "storybot.answer.duration";
        public const string AcknowledgementDuration = "storybot.acknowledgement.duration";
        public const string QueueDepth = "storybot.queue.depth";
        public const string PostFailures = "storybot.post.failures";
        public const string RateLimitWaits = "storybot.ratelimit.wait.duration";
        public const string Reconnects = "storybot.connection.reconnects";
    }

    /// <summary>The spans' names, in the order a question meets them.</summary>
    public static class Spans
    {
        /// <summary>A platform request from its arrival to its acknowledgement: the root of the question's trace.</summary>
        public const string Receive = "receive";

        /// <summary>Work handed off to a platform's lane, from the moment a worker takes it.</summary>
        public const string Work = "work";

        /// <summary>The conversation pipeline: the per-user limit, the command, the reply.</summary>
        public const string Ask = "ask";

        public const string Clean = "clean";
        public const string Retrieve = "retrieve";
        public const string Decide = "decide";
        public const string Render = "render";
        public const string Post = "post";
        public const string Record = "record";
    }

    /// <summary>Attribute and tag names.</summary>
    public static class Tags
    {
        public const string Platform = "storybot.platform";
        public const string ChannelKind = "storybot.channel.kind";
        public const string RequestKind = "storybot.request.kind";
        public const string Command = "storybot.command";
        public const string Outcome = "storybot.outcome";
        public const string Language = "storybot.answer.language";
        public const string Abstained = "storybot.answer.abstained";
        public const string Citation = "storybot.answer.citation";
        public const string Confidence = "storybot.answer.confidence";
        public const string Citations = "storybot.answer.citations";
        public const string QuestionText = "storybot.question.text";
        public const string Parts = "storybot.question.parts";
        public const string Candidates = "storybot.retrieve.candidates";
        public const string Pages = "storybot.render.pages";
        public const string Lane = "storybot.lane";
        public const string Work = "storybot.work";
        public const string WorkState = "storybot.work.state";
        public const string Reason = "storybot.post.reason";
        public const string RateLimitScope = "storybot.ratelimit.scope";
        public const string ReconnectAction = "storybot.reconnect.action";
    }

    /// <summary>What became of a request (<see cref="Tags.Outcome"/>).</summary>
    public static class Outcomes
    {
        /// <summary>An answer with citations, or what a command was asked for (help, the story's commands, moderation).</summary>
        public const string Answered = "answered";

        /// <summary>The story does not answer the question, and the bot said so.</summary>
        public const string Abstained = "abstained";

        /// <summary>Not answered on purpose: over the per-user limit, input the bot does not take, or a reply held back at the quote check.</summary>
        public const string Refused = "refused";

        /// <summary>Answering threw; the asker got a polite error.</summary>
        public const string Failed = "failed";
    }

    /// <summary>The states of the queue-depth gauge (<see cref="Tags.WorkState"/>).</summary>
    public static class WorkStates
    {
        public const string WaitingForTurn = "waiting_for_turn";
        public const string Queued = "queued";
        public const string Running = "running";
    }

    /// <summary>What imposed a rate-limit wait (<see cref="Tags.RateLimitScope"/>).</summary>
    public static class RateLimitScopes
    {
        /// <summary>A post waited for its channel's turn (Discord's bucket, Slack's message a second).</summary>
        public const string ChannelTurn = "channel_turn";

        /// <summary>A request waited for a Discord bucket or the global limit before it was sent.</summary>
        public const string Bucket = "bucket";

        /// <summary>A 429 was answered and its Retry-After waited out.</summary>
        public const string RetryAfter = "retry_after";
    }
}
