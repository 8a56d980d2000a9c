using System.Text.Json;
using CsCheck;
using StoryBot.Core.Platforms;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Core.Tests.Platforms;

/// <summary>Whatever bytes arrive, the shared reader answers yes or no and what it accepts reads without a throw.</summary>
public sealed class JsonPayloadFuzzTests
{
    private static readonly Gen<byte[]> Bodies = JsonInputs.Bytes(JsonInputs.Any);

    [Fact]
    public void NeverThrowsAndEveryStringItAcceptsCanBeRead() =>
        Bodies.Sample(bytes =>
        {
            if (JsonPayload.TryParse(bytes, out var root))
            {
                ReadAll(root, depth: 0);
            }
        }, iter: 2000);

    [Fact]
    public void TextWithLoneSurrogatesNeverThrows() =>
        JsonInputs.Any.Select(text => text.Replace("\\\\", "\\", StringComparison.Ordinal)).Sample(text =>
        {
            if (JsonPayload.TryParse(text, out var root))
            {
                ReadAll(root, depth: 0);
            }
        }, iter: 1000);

    private static void ReadAll(JsonElement element, int depth)
    {
        Assert.True(depth <= JsonPayload.MaxDepth);
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadAll(item, depth + 1);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadAll(property.Value, depth + 1);
                }

                break;
        }
    }
}
