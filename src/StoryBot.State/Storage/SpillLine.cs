using System.Text.Json;

namespace StoryBot.State.Storage;

/// <summary>A line of a <see cref="StateWriteSpill"/> file, read back.</summary>
internal abstract record SpillLine
{
    public const string VersionProperty = "v";

    private SpillLine()
    {
    }

    /// <summary>A write that started to wait.</summary>
    public sealed record Waiting(StateWrite Write) : SpillLine;

    /// <summary>The write with this id has landed.</summary>
    public sealed record Landed(string Id) : SpillLine;

    /// <summary>A line of a format version this build does not know.</summary>
    public sealed record OfUnknownVersion(string Version) : SpillLine;

    /// <returns>The line, or null when it cannot be read (cut off by a crash).</returns>
    public static SpillLine? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // Lines written before the format had a version are of the first.
            if (root.TryGetProperty(VersionProperty, out var version)
                && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number) && number == StateWriteSpill.Version))
            {
                return new OfUnknownVersion(version.GetRawText());
            }

            if (root.TryGetProperty("landed", out var landed) && landed.ValueKind == JsonValueKind.String)
            {
                return new Landed(landed.GetString()!);
            }

            if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                && root.TryGetProperty("data", out var data))
            {
                var key = root.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                return new Waiting(new StateWrite(kind.GetString()!, data.GetRawText()) { Id = id.GetString()!, Key = key });
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
