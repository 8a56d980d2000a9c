using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Commands;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Moderation;
using StoryBot.Discord.Rendering;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// Decides the first response to an interaction, whichever way it arrived (Gateway or HTTP):
/// the answer itself when the bot answers within <see cref="DiscordOptions.DeferAfter"/>,
/// otherwise a deferral that <see cref="InteractionWebhooks"/> completes by editing it.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: the first response needs the pipeline, the caller's rights, autocomplete and the work journal; the work lane's token, the deferral setting, the clock and the logger are ambient.</remarks>
internal sealed partial class InteractionHandler(
    ConversationPipeline pipeline,
    DiscordModeratorCheck moderators,
    WhoIsAutocomplete autocomplete,
    DiscordWork work,
    DiscordWorkQueue queue,
    IOptionsMonitor<DiscordOptions> options,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    /// <summary>
    /// The first response. An interaction that is answered is kept in the work journal first, so an
    /// answer it owes survives a crash; one seen before (a replay) is acknowledged and not answered again.
    /// </summary>
    /// <param name="payload">The verified interaction as it arrived, kept to answer it after a restart.</param>
    /// <param name="receivedAt">When the interaction arrived (a <see cref="TimeProvider"/> timestamp): the deferral deadline counts from then.</param>
    public async Task<InteractionStart> StartAsync(Interaction interaction, string payload, long receivedAt)
    {
        switch (interaction.Type)
        {
            case InteractionType.Ping:
                return new InteractionStart(new InteractionResponse(InteractionResponse.Pong));
            case InteractionType.Autocomplete:
                return new InteractionStart(new InteractionResponse(InteractionResponse.AutocompleteResult, new { Choices = autocomplete.Suggest(interaction) }));
        }

        // Opening the report form owes no answer, so nothing is journaled; its submission is.
        if (ReportModal.ReportedBy(interaction) is { } reported)
        {
            return new InteractionStart(ReportModal.Open(reported, interaction.Locale));
        }

        WorkTicket? ticket;
        try
        {
            ticket = await work.TryAcceptAsync(DiscordWork.Interaction, interaction.Id, payload, queue.Abandoned);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The state store is out of reach: answering goes on, this interaction unjournaled.
            LogJournalFailed(exception, interaction.Id);
            return await AnswerAsync(interaction, receivedAt);
        }

        if (ticket is null)
        {
            LogReplay(interaction.Id);
            return new InteractionStart(AcknowledgementOnly(interaction));
        }

        return await AnswerAsync(interaction, receivedAt) with { Ticket = ticket };
    }

    /// <summary>The request an interaction makes, and the pipeline's reply to it: how an interaction is answered again after a restart.</summary>
    public async Task<(ChatRequest Request, Reply Reply)?> AnswerAgainAsync(Interaction interaction, CancellationToken cancellationToken) =>
        CommandLine.ToRequest(interaction, moderators.IsModerator(interaction)) is { } request
            ? (request, await AskAsync(request, cancellationToken))
            : null;

    private async Task<InteractionStart> AnswerAsync(Interaction interaction, long receivedAt)
    {
        var request = CommandLine.ToRequest(interaction, moderators.IsModerator(interaction));
        if (request is null)
        {
            return Answered(interaction, null, Notice("This StoryBot interaction is not supported."));
        }

        // The answer must not die with an HTTP request, nor with a stopping host: a deferred one
        // is finished by the lane's follow-up, which a stopping host drains.
        var answer = AskAsync(request, queue.Abandoned);
        if (answer.IsCompleted)
        {
            // Most commands answer synchronously: no deadline timer needed.
            return Answered(interaction, request, await answer);
        }

        if (await ReplyDeadline.CompletesWithinAsync(answer, options.CurrentValue.DeferAfter - time.GetElapsedTime(receivedAt), time))
        {
            return Answered(interaction, request, await answer);
        }

        var ephemeral = IsPrivateByNature(request);
        logger.LogDebug("Deferring Discord interaction {InteractionId}", interaction.Id);
        return new InteractionStart(
            new InteractionResponse(InteractionResponse.DeferredChannelMessage, ephemeral ? new { Flags = DiscordMessage.Ephemeral } : null),
            new DeferredAnswer(interaction, request, answer, ephemeral));
    }

    private InteractionStart Answered(Interaction interaction, ChatRequest? request, Reply reply)
    {
        var pages = InteractionWebhooks.Pages(reply);
        var rest = pages.Skip(1).ToList();
        var needsRecording = request is not null && pipeline.IsRecorded(reply);
        return new InteractionStart(
            new InteractionResponse(InteractionResponse.ChannelMessage, pages[0]),
            rest.Count == 0 && !needsRecording ? null : new InlineAnswer(interaction, request, reply, rest));
    }

    private async Task<Reply> AskAsync(ChatRequest request, CancellationToken cancellationToken) =>
        await pipeline.AskAsync(request, mustAnswer: true, cancellationToken)
            ?? throw new InvalidOperationException("The pipeline answers every request that must be answered");

    // Decided before the answer exists: a deferral's visibility cannot change afterwards.
    private static bool IsPrivateByNature(ChatRequest request) =>
        request.Text.StartsWith($"/{DiscordCommands.Sources}", StringComparison.Ordinal)
        || request.Text.StartsWith($"/{DiscordCommands.Moderate}", StringComparison.Ordinal)
        || request.Text.StartsWith($"/{DiscordCommands.Help}", StringComparison.Ordinal)
        || request.Text.StartsWith($"/{DiscordCommands.Report}", StringComparison.Ordinal);

    /// <summary>Acknowledges without answering: a button press leaves its message as it is, a command shows a private "thinking…" that never turns into a second answer.</summary>
    private static InteractionResponse AcknowledgementOnly(Interaction interaction) =>
        interaction.Type == InteractionType.MessageComponent
            ? new InteractionResponse(InteractionResponse.DeferredUpdateMessage)
            : new InteractionResponse(InteractionResponse.DeferredChannelMessage, new { Flags = DiscordMessage.Ephemeral });

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not keep Discord interaction {InteractionId} in the work journal; answering it without")]
    private partial void LogJournalFailed(Exception exception, string interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction {InteractionId} was seen before (a replay): acknowledged, not answered again")]
    private partial void LogReplay(string interactionId);

    private static Reply Notice(string text) => new()
    {
        Question = string.Empty,
        Language = Language.English,
        Kind = ReplyKind.Notice,
        Body = [TextRun.Plain(text)],
    };
}
