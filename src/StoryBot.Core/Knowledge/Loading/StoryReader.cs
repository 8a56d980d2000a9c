namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Reads <c>story.yaml</c>: what the bot says about the story (title, help, greeting, topic names),
/// each as a mapping of language codes to texts. The story's id is its folder's name, as a fact's
/// topic is its file's name.
/// </summary>
internal static class StoryReader
{
    public const string FileName = "story.yaml";

    private static readonly string[] Keys = ["title", "description", "welcome", "help", "who_is_example", "greeting", "topics", "synonyms"];
    private static readonly string[] TopicKeys = ["name", "heading"];

    public static StoryProfile? Read(PackReading reading)
    {
        var map = MapFile.Open(reading, FileName, "story", Keys);
        if (map is null)
        {
            return null;
        }

        var title = map.Languages("title");
        var description = map.Languages("description");
        var welcome = map.Languages("welcome");
        var help = map.Languages("help");
        var whoIsExample = map.Languages("who_is_example");
        var greeting = map.Languages("greeting");
        var topics = ReadTopics(map);
        var synonyms = ReadSynonyms(map);
        if (title is null || description is null || welcome is null || help is null || whoIsExample is null || greeting is null || topics is null || synonyms is null)
        {
            return null;
        }

        return new StoryProfile
        {
            Id = reading.Files.Name,
            Title = title,
            Description = description,
            Welcome = welcome,
            Help = help,
            WhoIsExample = whoIsExample,
            Greeting = greeting,
            Topics = topics,
            Synonyms = synonyms,
        };
    }

    /// <summary>Each entry one group, its words separated by spaces; a group of one word matches nothing new and is a slip.</summary>
    private static List<IReadOnlyList<string>>? ReadSynonyms(YamlMap story)
    {
        var entries = story.TextList("synonyms", required: false, mustBeNonEmpty: false);
        if (entries is null)
        {
            return null;
        }

        var groups = new List<IReadOnlyList<string>>(entries.Count);
        foreach (var entry in entries)
        {
            var words = entry.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                story.Report(entry.At, $"story: a synonym group needs at least two words, separated by spaces; found '{entry.Value}'");
                continue;
            }

            groups.Add(words);
        }

        return groups;
    }

    /// <summary>Every topic a fact file may have is named, so "It covers: …" never lacks a name.</summary>
    private static Dictionary<Topic, StoryTopic>? ReadTopics(YamlMap story)
    {
        var node = story.Node("topics", required: true);
        var map = node is null ? null : YamlMap.Open(node, story.File, story.Errors, "story: 'topics'", [.. FactReader.Topics.Keys]);
        if (map is null)
        {
            return null;
        }

        var topics = new Dictionary<Topic, StoryTopic>();
        foreach (var (key, topic) in FactReader.Topics)
        {
            var topicNode = map.Node(key, required: true);
            var topicMap = topicNode is null ? null : YamlMap.Open(topicNode, story.File, story.Errors, $"story: topic '{key}'", TopicKeys);
            var name = topicMap?.Languages("name");
            if (topicMap is not null && name is not null)
            {
                topics[topic] = new StoryTopic(name, topicMap.Has("heading") ? topicMap.Languages("heading") : null);
            }
        }

        return topics.Count == FactReader.Topics.Count ? topics : null;
    }
}
