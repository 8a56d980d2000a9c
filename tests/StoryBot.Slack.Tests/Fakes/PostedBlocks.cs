using System.Text.Json;
using StoryBot.Slack.Rendering;

namespace StoryBot.Slack.Tests.Fakes;

/// <summary>Reads back what the bot put in a message: the quotes of its citations, as a reader sees them.</summary>
internal static class PostedBlocks
{
    /// <summary>The block-quoted lines of section blocks, with Slack's escaping undone.</summary>
    public static IReadOnlyList<string> Quotes(JsonElement message)
    {
        var quotes = new List<string>();
        if (!message.TryGetProperty("blocks", out var blocks))
        {
            return quotes;
        }

        foreach (var block in blocks.EnumerateArray())
        {
            if (block.GetProperty("type").GetString() != "section")
            {
                continue;
            }

            var text = block.GetProperty("text").GetProperty("text").GetString()!;
            var lines = text.Split('\n').Where(line => line.StartsWith('>')).Select(line => line[1..]);
            quotes.AddRange(lines.Select(SlackText.Unescape));
        }

        return quotes;
    }

    /// <summary>Every string value in the message (still in Slack's escaping), one per line.</summary>
    public static string AllText(JsonElement message)
    {
        var texts = new List<string>();
        Collect(message, texts);
        return string.Join('\n', texts);
    }

    private static void Collect(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, texts);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, texts);
                }

                break;
        }
    }
}
