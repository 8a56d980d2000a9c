using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Slack.Inbound;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Handling;

/// <summary>
/// Reporting an answer on Slack: the Report button opens a form asking for an optional reason
/// (<c>views.open</c>); its submission (<c>view_submission</c>) is <c>/report</c> with the reason,
/// confirmed privately. A form closed without submitting reports nothing. Where no form can be
/// opened (the press is older than Slack's 3 seconds, as after a restart), the press reports at once,
/// without a reason, as before there were forms.
/// </summary>
internal sealed partial class SlackReportFlow(
    ConversationPipeline pipeline,
    SlackRequests requests,
    SlackUserLanguages languages,
    SlackApiClient api,
    ILogger<SlackReportFlow> logger)
{
    public async Task OpenFormAsync(BlockAction action, WorkTicket ticket, CancellationToken cancellationToken)
    {
        var answer = new ReportedAnswer(action.ChannelId, action.MessageTs, action.ThreadTs);
        if (action.TriggerId is { } trigger)
        {
            var language = await languages.PreferredAsync(action.UserId, cancellationToken) ?? Language.English;
            try
            {
                await api.OpenViewAsync(trigger, SlackReportView.Build(answer, language), cancellationToken);
                await ticket.CompleteAsync(cancellationToken);
                return;
            }
            catch (SlackApiException exception)
            {
                LogNoForm(action.ChannelId, exception.Error);
            }
        }

        await ReportAsync(action.UserId, answer, reason: null, action.ResponseUrl, ticket, cancellationToken);
    }

    public async Task SubmitAsync(ViewSubmission submission, WorkTicket ticket, CancellationToken cancellationToken)
    {
        if (SlackReportView.AnswerOf(submission.PrivateMetadata) is not { } answer)
        {
            await ticket.CompleteAsync(cancellationToken);
            return;
        }

        var reason = submission.TextOf(SlackReportView.ReasonBlockId, SlackReportView.ReasonActionId);
        await ReportAsync(submission.UserId, answer, reason, responseUrl: null, ticket, cancellationToken);
    }

    private async Task ReportAsync(string userId, ReportedAnswer answer, string? reason, Uri? responseUrl, WorkTicket ticket, CancellationToken cancellationToken)
    {
        var request = await requests.ForAsync(answer.ChannelId, userId, ReportPrompt.CommandLine(reason), SlackRequests.KindOf(answer.ChannelId), cancellationToken)
            with { ReferencedMessageId = answer.MessageTs };
        if (await pipeline.AskAsync(request, mustAnswer: false, cancellationToken) is { } reply)
        {
            var message = SlackMessageRenderer.Render(reply, offerReport: false) with { Ephemeral = true };
            await api.PostPrivateReplyAsync(answer.ChannelId, userId, answer.ThreadTs, responseUrl, message, cancellationToken);
        }

        await ticket.CompleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not open the report form in Slack channel {ChannelId} ({Error}); reporting the answer without a reason")]
    private partial void LogNoForm(string channelId, string error);
}
