using System.Globalization;
using System.Text.Json;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Interactions;

internal enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    Autocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>The parts of an interaction the adapter reads; the rest of Discord's payload is ignored.</summary>
internal sealed record Interaction
{
    public required string Id { get; init; }
    public required string ApplicationId { get; init; }
    public required InteractionType Type { get; init; }
    public required string Token { get; init; }
    public string? ChannelId { get; init; }
    public string? GuildId { get; init; }

    /// <summary>The invoking user: <c>member.user</c> in a guild, <c>user</c> in a DM.</summary>
    public required string UserId { get; init; }

    /// <summary>The member's permissions in the channel, computed by Discord for this very request.</summary>
    public ulong? MemberPermissions { get; init; }

    public IReadOnlyList<string> MemberRoles { get; init; } = [];

    public JsonElement Data { get; init; }

    /// <summary>For components: the message holding the clicked button.</summary>
    public string? MessageId { get; init; }

    /// <summary>The language the invoking user chose in Discord ("de", "en-US"); sent with every interaction but a ping.</summary>
    public string? Locale { get; init; }

    public static Interaction? TryParse(JsonElement root)
    {
        if (root.Int("type") is not { } type || root.String("id") is not { } id)
        {
            return null;
        }

        var member = root.Child("member");
        var user = member?.Child("user") ?? root.Child("user");
        return new Interaction
        {
            Id = id,
            ApplicationId = root.String("application_id") ?? string.Empty,
            Type = (InteractionType)type,
            Token = root.String("token") ?? string.Empty,
            ChannelId = root.String("channel_id") ?? root.Child("channel")?.String("id"),
            GuildId = root.String("guild_id"),
            UserId = user?.String("id") ?? string.Empty,
            MemberPermissions = member?.String("permissions") is { } permissions
                && ulong.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : null,
            MemberRoles = member?.Child("roles") is { ValueKind: JsonValueKind.Array } roles
                ? [.. roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)]
                : [],
            Data = root.Child("data") ?? default,
            MessageId = root.Child("message")?.String("id"),
            Locale = root.String("locale"),
        };
    }
}
