using System.Text.Json;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Commands;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// Reporting an answer on Discord: the Report button and the <c>Report answer</c> message command
/// open a form asking for an optional reason; its submission (MODAL_SUBMIT) is the report. A form
/// closed without submitting reports nothing.
/// </summary>
internal static class ReportModal
{
    /// <summary>The form's id carries the reported message, so the submission needs nothing kept in between.</summary>
    public const string CustomIdPrefix = "storybot:report:";

    private const int CustomIdPrefixLength = 16;

    public const string ReasonFieldId = "reason";

    private const int ParagraphStyle = 2;

    /// <summary>The message a report form would be about, when <paramref name="interaction"/> asks to report one.</summary>
    public static string? ReportedBy(Interaction interaction) => interaction.Type switch
    {
        InteractionType.MessageComponent when interaction.Data.String("custom_id") == ReplyRenderer.ReportButtonId => interaction.MessageId,
        InteractionType.ApplicationCommand when interaction.Data.Int("type") == 3 && interaction.Data.String("name") == DiscordCommands.ReportAnswer
            => interaction.Data.String("target_id"),
        _ => null,
    };

    /// <summary>The form (interaction response type 9), in the reader's language.</summary>
    public static InteractionResponse Open(string messageId, string? locale)
    {
        var language = LanguageCodes.FromLocale(locale) ?? Language.English;
        var reason = new TextInput(ReasonFieldId, ReportPrompt.ReasonLabel.In(language), ParagraphStyle)
        {
            Placeholder = ReportPrompt.ReasonPlaceholder.In(language),
            MaxLength = ReportPrompt.MaxReasonLength,
        };
        return new InteractionResponse(InteractionResponse.Modal, new Form(CustomIdPrefix + messageId, ReportPrompt.Title.In(language), [new FormRow([reason])]));
    }

    /// <summary>The reported message of a submitted report form; null for any other submission.</summary>
    public static string? SubmittedAbout(JsonElement data) =>
        data.String("custom_id") is { Length: > CustomIdPrefixLength } id && id.StartsWith(CustomIdPrefix, StringComparison.Ordinal) ? id[CustomIdPrefixLength..] : null;

    /// <summary>The reason typed into a submitted form; null when left empty.</summary>
    public static string? SubmittedReason(JsonElement data) => FindValue(data, ReasonFieldId) is { Length: > 0 } reason ? reason : null;

    /// <summary>
    /// The value of the field with <paramref name="customId"/>, wherever it sits: in an action row's
    /// <c>components</c> (the classic layout) or a label's <c>component</c> (the newer one).
    /// </summary>
    private static string? FindValue(JsonElement container, string customId)
    {
        if (container.String("custom_id") == customId && container.String("value") is { } value)
        {
            return value;
        }

        if (container.Child("component") is { ValueKind: JsonValueKind.Object } single && FindValue(single, customId) is { } inLabel)
        {
            return inLabel;
        }

        if (container.Child("components") is { ValueKind: JsonValueKind.Array } components)
        {
            foreach (var component in components.EnumerateArray())
            {
                if (FindValue(component, customId) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private sealed record Form(string CustomId, string Title, IReadOnlyList<FormRow> Components);

    private sealed record FormRow(IReadOnlyList<TextInput> Components)
    {
        public int Type { get; init; } = 1;
    }

    private sealed record TextInput(string CustomId, string Label, int Style)
    {
        public int Type { get; init; } = 4;

        public bool Required { get; init; }

        public string? Placeholder { get; init; }

        public int? MaxLength { get; init; }
    }
}
