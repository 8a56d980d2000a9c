using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Opens a pack file whose document is a list of mappings (excerpts, entities, facts, timeline).</summary>
internal static class ListFile
{
    /// <summary>The entries of <paramref name="relativePath"/>; if the file cannot be read as a list, <paramref name="defines"/> is marked incomplete.</summary>
    public static IEnumerable<(YamlMap Map, PackFile File)> Entries(PackReading reading, string relativePath, PackSchema schema, IdIndex defines)
    {
        var file = reading.Files.Read(relativePath, reading.Errors);
        return file is null ? Incomplete(defines) : Entries(reading, file, schema, defines);
    }

    /// <summary>The mappings of the file's list, checked against <paramref name="schema"/>; an entry that is no mapping is skipped, the schema having reported it.</summary>
    public static IEnumerable<(YamlMap Map, PackFile File)> Entries(PackReading reading, PackFile file, PackSchema schema, IdIndex defines)
    {
        if (YamlFile.Parse(file, schema, reading.Errors) is not YamlSequenceNode list)
        {
            return Incomplete(defines);
        }

        return list.Children
            .Select(node => YamlMap.Open(node, file, reading.Errors, schema.Noun))
            .OfType<YamlMap>()
            .Select(map => (map, file));
    }

    private static IEnumerable<(YamlMap, PackFile)> Incomplete(IdIndex defines)
    {
        defines.MarkIncomplete();
        return [];
    }
}
