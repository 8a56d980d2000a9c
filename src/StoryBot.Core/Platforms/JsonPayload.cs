using System.Text;
using System.Text.Json;

namespace StoryBot.Core.Platforms;

/// <summary>
/// Reads a JSON body a platform sent, refusing what a handler could only trip over later: bytes
/// that are not UTF-8, nesting deeper than any platform payload, and strings that cannot become
/// .NET strings (an escaped lone surrogate parses, but reading it throws).
/// </summary>
public static class JsonPayload
{
    /// <summary>Deeper than any Discord or Slack payload (blocks nest a handful of levels).</summary>
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>The parsed body, detached from its buffer, or false with nothing parsed.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, out JsonElement root)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, Options);
            if (HasOnlyReadableStrings(document.RootElement))
            {
                root = document.RootElement.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
        }

        root = default;
        return false;
    }

    /// <inheritdoc cref="TryParse(ReadOnlyMemory{byte}, out JsonElement)"/>
    public static bool TryParse(string text, out JsonElement root) => TryParse(Encoding.UTF8.GetBytes(text ?? string.Empty), out root);

    private static bool HasOnlyReadableStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsReadable(element);
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!HasOnlyReadableStrings(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsReadableName(property) || !HasOnlyReadableStrings(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static bool IsReadable(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsReadableName(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
