using Microsoft.Extensions.Hosting;
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
/// <remarks>More than five constructor parameters on purpose: the first response needs the pipeline, the caller's rights and autocomplete; the host's stopping token, the deferral setting, the clock and the logger are ambient.</remarks>
internal sealed class InteractionHandler(
    ConversationPipeline pipeline,
    DiscordModeratorCheck moderators,
    WhoIsAutocomplete autocomplete,
    IHostApplicationLifetime lifetime,
    IOptionsMonitor<DiscordOptions> options,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    /// <param name="receivedAt">When the interaction arrived (a <see cref="TimeProvider"/> timestamp): the deferral deadline counts from then.</param>
    public async Task<InteractionStart> StartAsync(Interaction interaction, long receivedAt)
    {
        switch (interaction.Type)
        {
            case InteractionType.Ping:
                return new InteractionStart(new InteractionResponse(InteractionResponse.Pong));
            case InteractionType.Autocomplete:
                return new InteractionStart(new InteractionResponse(InteractionResponse.AutocompleteResult, new { Choices = autocomplete.Suggest(interaction) }));
        }

        var request = CommandLine.ToRequest(interaction, moderators.IsModerator(interaction));
        if (request is null)
        {
            return Answered(interaction, null, Notice("This StoryBot interaction is not supported."));
        }

        // The answer must not die with an HTTP request: a deferred one finishes after it.
        var answer = AskAsync(request, lifetime.ApplicationStopping);
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
        || request.Text.StartsWith($"/{DiscordCommands.Help}", StringComparison.Ordinal)
        || request.Text.StartsWith($"/{DiscordCommands.Report}", StringComparison.Ordinal);

    private static Reply Notice(string text) => new()
    {
        Question = string.Empty,
        Language = Language.English,
        Kind = ReplyKind.Notice,
        Body = [TextRun.Plain(text)],
    };
}
