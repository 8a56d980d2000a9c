using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Opens a pack file whose document is a list of mappings (excerpts, entities, facts, timeline).</summary>
internal static class ListFile
{
    /// <summary>The entries of <paramref name="relativePath"/>; if the file cannot be read as a list, <paramref name="defines"/> is marked incomplete.</summary>
    public static IEnumerable<(YamlMap Map, PackFile File)> Entries(
        PackReading reading, string relativePath, string what, IReadOnlyCollection<string> keys, IdIndex defines)
    {
        var file = reading.Files.Read(relativePath, reading.Errors);
        if (file is null)
        {
            defines.MarkIncomplete();
            yield break;
        }

        foreach (var entry in Entries(reading, file, what, keys, defines))
        {
            yield return entry;
        }
    }

    public static IEnumerable<(YamlMap Map, PackFile File)> Entries(
        PackReading reading, PackFile file, string what, IReadOnlyCollection<string> keys, IdIndex defines)
    {
        var root = YamlFile.Parse(file, reading.Errors);
        if (root is null)
        {
            defines.MarkIncomplete();
            yield break;
        }

        if (root is not YamlSequenceNode list)
        {
            defines.MarkIncomplete();
            reading.Errors.Add(file, root.Start, $"the file must be a list of {what} entries (each starting with '- id: ...'); found {YamlMap.Describe(root)}");
            yield break;
        }

        foreach (var node in list.Children)
        {
            if (YamlMap.Open(node, file, reading.Errors, what, keys) is { } map)
            {
                yield return (map, file);
            }
        }
    }
}
