using System.Text.Json.Serialization;

namespace StoryBot.Discord.Rendering;

/// <summary>The body of a message Discord is asked to create or edit (snake_case on the wire).</summary>
internal sealed record DiscordMessage
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Always present and empty: nothing the bot sends may ping anyone.</summary>
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public IReadOnlyList<ActionRow>? Components { get; init; }

    /// <summary>64 = ephemeral.</summary>
    public int? Flags { get; init; }

    public MessageReference? MessageReference { get; init; }

    /// <summary>
    /// With <see cref="EnforceNonce"/>, Discord hands back the message this bot already created with
    /// the same nonce in the last few minutes instead of creating another, so a send that is
    /// retried after its response was lost never posts twice. At most 25 characters.
    /// </summary>
    public string? Nonce { get; init; }

    public bool? EnforceNonce { get; init; }

    public const int Ephemeral = 64;
}

internal sealed record AllowedMentions(IReadOnlyList<string> Parse)
{
    public static AllowedMentions None { get; } = new([]);

    /// <summary>Replies also ping their author unless told not to.</summary>
    public bool RepliedUser { get; init; }
}

internal sealed record MessageReference(string MessageId, string ChannelId, string? GuildId)
{
    /// <summary>Still answer when the question was deleted meanwhile.</summary>
    public bool FailIfNotExists { get; init; }
}

internal sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public int? Color { get; init; }

    public IReadOnlyList<EmbedField>? Fields { get; init; }

    public EmbedFooter? Footer { get; init; }

    /// <summary>Characters Discord counts towards the 6,000 per message.</summary>
    [JsonIgnore]
    public int Length =>
        (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text.Length ?? 0)
        + (Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
}

internal sealed record EmbedField(string Name, string Value, bool Inline = false);

internal sealed record EmbedFooter(string Text);

internal sealed record ActionRow(IReadOnlyList<Button> Components)
{
    public int Type { get; init; } = 1;
}

/// <summary>Style 2 = secondary (grey).</summary>
internal sealed record Button(string Label, string CustomId, int Style = 2)
{
    public int Type { get; init; } = 2;
}
