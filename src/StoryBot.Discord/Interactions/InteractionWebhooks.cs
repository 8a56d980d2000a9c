using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Posting;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// Everything after the first response to an interaction, through its webhook (the token lives
/// 15 minutes): the deferred answer, further pages of a long answer, and the answer's message id
/// for the recorder.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: REST and recording are its collaborators, telemetry watches the posts; options, timings, clock and logger pace the read-back of a message id.</remarks>
internal sealed class InteractionWebhooks(
    DiscordRestClient rest,
    AnswerRecording recording,
    StoryBotTelemetry telemetry,
    IOptionsMonitor<DiscordOptions> options,
    DiscordTimings timings,
    TimeProvider time,
    ILogger<InteractionWebhooks> logger)
{
    // Rendering costs more than a reply the reply cache hands out again: that comes back as the
    // same instance, so its pages are rendered once. Replies are immutable, and the table lets go
    // of the pages with the reply.
    private static readonly ConditionalWeakTable<Reply, IReadOnlyList<DiscordMessage>> RenderedPages = new();

    /// <summary>The reply's messages, ephemeral when the reply is private.</summary>
    public static IReadOnlyList<DiscordMessage> Pages(Reply reply) =>
        RenderedPages.GetValue(reply, static reply => [.. ReplyRenderer.Render(reply).Select(page => reply.IsPrivate ? page with { Flags = DiscordMessage.Ephemeral } : page)]);

    /// <summary>
    /// Finishes what the first response left: a deferred answer, or an inline answer's further
    /// pages and its record. <paramref name="messageId"/> is the answer's id when the transport
    /// learned it with the first response.
    /// </summary>
    public Task FinishAsync(InteractionFollowUp followUp, string? messageId, CancellationToken cancellationToken) => followUp switch
    {
        DeferredAnswer deferred => CompleteDeferredAsync(deferred, cancellationToken),
        InlineAnswer inline => FinishInlineAsync(inline, messageId, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(followUp), followUp.GetType().Name, "Unknown interaction follow-up"),
    };

    private async Task FinishInlineAsync(InlineAnswer inline, string? messageId, CancellationToken cancellationToken)
    {
        var (interaction, request, reply, morePages) = inline;
        if (morePages.Count > 0)
        {
            await telemetry.PostAsync(DiscordPlatform.Name, () => PostFollowUpsAsync(interaction, morePages, cancellationToken), DiscordPostFailure.ReasonOf);
        }

        if (request is null || !recording.IsNeeded(reply))
        {
            return;
        }

        messageId ??= await OriginalMessageIdAsync(interaction, cancellationToken);
        await recording.RecordAsync(interaction.ChannelId ?? string.Empty, messageId, request, reply, cancellationToken);
    }

    /// <summary>Replaces a deferral with the answer once it is there.</summary>
    private async Task CompleteDeferredAsync(DeferredAnswer deferred, CancellationToken cancellationToken)
    {
        var (interaction, request, answer, deferredEphemeral) = deferred;
        var reply = await answer;
        var pages = Pages(reply);
        var turnedPrivate = reply.IsPrivate && !deferredEphemeral;
        var messageId = await telemetry.PostAsync(DiscordPlatform.Name, () => DeliverDeferredAsync(interaction, pages, deferredEphemeral, turnedPrivate, cancellationToken), DiscordPostFailure.ReasonOf);
        if (!turnedPrivate)
        {
            await recording.RecordAsync(interaction.ChannelId ?? string.Empty, messageId, request, reply, cancellationToken);
        }
    }

    /// <returns>The id of the answer's message, when the deferral was edited into it.</returns>
    private async Task<string?> DeliverDeferredAsync(Interaction interaction, IReadOnlyList<DiscordMessage> pages, bool deferredEphemeral, bool turnedPrivate, CancellationToken cancellationToken)
    {
        if (turnedPrivate)
        {
            // A public "thinking…" cannot turn private: remove it and answer privately instead.
            await rest.SendAsync(HttpMethod.Delete, OriginalPath(interaction), null, cancellationToken);
            await PostFollowUpsAsync(interaction, pages, cancellationToken);
            return null;
        }

        var edited = await rest.SendAsync(HttpMethod.Patch, OriginalPath(interaction), pages[0] with { Flags = null }, cancellationToken);
        await PostFollowUpsAsync(interaction, [.. pages.Skip(1).Select(p => deferredEphemeral ? p with { Flags = DiscordMessage.Ephemeral } : p)], cancellationToken);
        return edited?.String("id");
    }

    private async Task PostFollowUpsAsync(Interaction interaction, IEnumerable<DiscordMessage> pages, CancellationToken cancellationToken)
    {
        foreach (var page in pages)
        {
            await rest.SendAsync(HttpMethod.Post, $"webhooks/{ApplicationId(interaction)}/{interaction.Token}", page, cancellationToken);
        }
    }

    /// <summary>
    /// An answer given inline in the HTTP response has no id yet: read it back from the
    /// interaction's original message (it can take Discord a moment to create it).
    /// </summary>
    private async Task<string?> OriginalMessageIdAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var original = await rest.GetAsync(OriginalPath(interaction), cancellationToken);
                return original?.String("id");
            }
            catch (DiscordRestException ex) when (attempt < timings.OriginalMessageAttempts && ex.Status == System.Net.HttpStatusCode.NotFound)
            {
                logger.LogDebug("The original message of interaction {InteractionId} is not there yet", interaction.Id);
                await Task.Delay(timings.OriginalMessageRetry, time, cancellationToken);
            }
        }
    }

    /// <summary>The interaction's original response as Discord has it, or null when Discord never got one.</summary>
    public async Task<JsonElement?> FindOriginalAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        try
        {
            return await rest.GetAsync(OriginalPath(interaction), cancellationToken);
        }
        catch (DiscordRestException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private string OriginalPath(Interaction interaction) =>
        $"webhooks/{ApplicationId(interaction)}/{interaction.Token}/messages/@original";

    private string ApplicationId(Interaction interaction) =>
        string.IsNullOrEmpty(interaction.ApplicationId) ? options.CurrentValue.ApplicationId ?? string.Empty : interaction.ApplicationId;
}
