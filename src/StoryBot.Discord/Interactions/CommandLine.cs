using System.Text;
using System.Text.Json;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Commands;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// Turns an application command or a button click into the text form the chat bot takes
/// (<c>/who-is altman</c>, <c>/moderate disable X reason</c>, <c>/report</c>).
/// </summary>
internal static class CommandLine
{
    public static ChatRequest? ToRequest(Interaction interaction, bool isModerator)
    {
        var text = interaction.Type switch
        {
            InteractionType.ApplicationCommand => CommandText(interaction.Data),
            InteractionType.MessageComponent when interaction.Data.String("custom_id") == ReplyRenderer.ReportButtonId => "/" + DiscordCommands.Report,
            InteractionType.ModalSubmit when ReportModal.SubmittedAbout(interaction.Data) is not null => ReportPrompt.CommandLine(ReportModal.SubmittedReason(interaction.Data)),
            _ => null,
        };
        if (text is null)
        {
            return null;
        }

        var referenced = interaction.Type switch
        {
            InteractionType.MessageComponent => interaction.MessageId,
            InteractionType.ModalSubmit => ReportModal.SubmittedAbout(interaction.Data),
            _ => interaction.Data.String("target_id"),
        };
        return new ChatRequest(DiscordPlatform.Name, interaction.ChannelId ?? string.Empty, interaction.UserId, text)
        {
            IsModerator = isModerator,
            ChannelKind = interaction.GuildId is null ? ChannelKind.Direct : ChannelKind.Channel,
            ReferencedMessageId = referenced,
            ConversationId = interaction.UserId,

            // "Texas?" cannot tell its language; the user's Discord language can.
            PreferredLanguage = LanguageCodes.FromLocale(interaction.Locale),
        };
    }

    private static string? CommandText(JsonElement data)
    {
        if (data.String("name") is not { } name)
        {
            return null;
        }

        // Message context-menu commands: the target message is the answer being reported, or the
        // message being asked about (Discord sends its content even without the Message Content intent).
        if (data.Int("type") == 3)
        {
            return name switch
            {
                DiscordCommands.ReportAnswer => "/" + DiscordCommands.Report,
                DiscordCommands.AskAboutMessage => MessageQuestion.CommandLine(TargetMessage(data)?.String("content")),
                _ => null,
            };
        }

        var text = new StringBuilder("/").Append(OneLine(name));
        // A story's topic commands take no options: only the bot's own define any.
        AppendOptions(text, data, DiscordCommands.BuiltIn.FirstOrDefault(c => c.Name == name && c.Type == 1)?.Options);
        return text.ToString();
    }

    private static JsonElement? TargetMessage(JsonElement data) =>
        data.String("target_id") is { } target ? data.Child("resolved")?.Child("messages")?.Child(target) : null;

    private static void AppendOptions(StringBuilder text, JsonElement container, IReadOnlyList<CommandOption>? definitions)
    {
        if (container.Child("options") is not { ValueKind: JsonValueKind.Array } options)
        {
            return;
        }

        // Discord does not promise the order options arrive in; the text form follows the definition.
        var ordered = options.EnumerateArray()
            .OrderBy(o => definitions?.ToList().FindIndex(d => d.Name == o.String("name")) is { } index and >= 0 ? index : int.MaxValue);
        foreach (var option in ordered)
        {
            if (option.Int("type") is CommandOption.SubCommand or 2)
            {
                var name = option.String("name");
                text.Append(' ').Append(OneLine(name));
                AppendOptions(text, option, definitions?.FirstOrDefault(d => d.Name == name)?.Options);
            }
            else if (option.Child("value") is { } value)
            {
                text.Append(' ').Append(OneLine(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()));
            }
        }
    }

    // Names and options are single words or values; flatten line breaks so none can start a new command line.
    private static string? OneLine(string? word) => word?.ReplaceLineEndings(" ").Trim();
}
