namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Opens a pack file whose document is a single mapping (summary.yaml, story.yaml).</summary>
internal static class MapFile
{
    /// <summary>The file's mapping, checked against <paramref name="schema"/>; null when the file is missing, not YAML or not a mapping (each reported).</summary>
    public static YamlMap? Open(PackReading reading, string relativePath, PackSchema schema)
    {
        var file = reading.Files.Read(relativePath, reading.Errors);
        var root = file is null ? null : YamlFile.Parse(file, schema, reading.Errors);
        return file is null || root is null ? null : YamlMap.Open(root, file, reading.Errors, schema.Noun);
    }
}
