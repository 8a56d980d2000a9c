using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.Commands;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.State.Moderation;

namespace StoryBot.State.Commands;

/// <summary>
/// <c>/report [reason]</c>: a reader flags an answer for the moderators. The answer is the
/// message the request refers to (the Report button); in the console, the latest answer in
/// the channel.
/// </summary>
internal sealed class ReportCommand(AnswerLog answers, ReaderReports reports, IOptions<ModerationStateOptions> options, ILogger<ReportCommand> logger)
    : StoreCommand(logger)
{
    public const string CommandName = ChatCommandNames.Report;
    private const string ConsolePlatform = "console";

    public override string Name => CommandName;

    protected override async Task<Reply> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var reply = new ReplyWriter(context);
        RecordedAnswer? answer;
        if (request.ReferencedMessageId is { Length: > 0 } messageId)
        {
            answer = await answers.FindByMessageAsync(request.Platform, request.ChannelId, messageId, cancellationToken);
            if (answer is null)
            {
                var days = (int)Math.Ceiling(options.Value.AnswerRetention.TotalDays);
                return reply.Say(
                        $"I can't find that answer any more; answers can be reported for {days} days after they are posted.",
                        $"Diese Antwort finde ich nicht mehr; Antworten lassen sich {days} Tage lang melden.")
                    .Build(ReplyKind.Error);
            }
        }
        else if (request.Platform == ConsolePlatform)
        {
            answer = await answers.LatestInChannelAsync(request.Platform, request.ChannelId, cancellationToken);
            if (answer is null)
            {
                return reply.Say("There is no answer to report yet.", "Es gibt noch keine Antwort, die sich melden ließe.").Build(ReplyKind.Error);
            }
        }
        else
        {
            return reply.Say(
                    "Please use the Report button under the answer you want to report.",
                    "Bitte nutzen Sie den Melden-Knopf unter der Antwort, die Sie melden möchten.")
                .Build(ReplyKind.Error);
        }

        var reason = context.Argument.Trim() is { Length: > 0 } typed
            ? typed[..TextElements.BoundaryAtOrBefore(typed, ReportPrompt.MaxReasonLength)]
            : null;
        var report = await reports.FileAsync(new Actor(request.Platform, request.UserId), answer, reason, cancellationToken);
        return reply.Say($"Thank you. Your report #{report.Id} about the answer to ", $"Danke. Ihre Meldung #{report.Id} zur Antwort auf ")
            .User(answer.Question)
            .Say(" is with the moderators.", " liegt jetzt der Moderation vor.")
            .Build(ReplyKind.Notice);
    }
}
