using System.Text.Json;

namespace StoryBot.Slack.Inbound;

internal static class JsonElementExtensions
{
    public static string GetStringOrEmpty(this JsonElement element, string property) =>
        element.GetStringOrNull(property) ?? string.Empty;

    public static string? GetStringOrNull(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement GetObjectOrDefault(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.Object
            ? value
            : default;
}
