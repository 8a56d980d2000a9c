namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Reads <c>story.yaml</c>: what the bot says about the story (title, help, greeting), each as a
/// mapping of language codes to texts, and the topics of its facts (<see cref="TopicReader"/>). The
/// story's id is its folder's name, as a fact's topic is its file's name.
/// </summary>
internal static class StoryReader
{
    public const string FileName = "story.yaml";

    public static StoryProfile? Read(PackReading reading)
    {
        var map = MapFile.Open(reading, FileName, PackSchema.Story);
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
        var topics = TopicReader.Read(map);
        var synonyms = map.TextList("synonyms");
        if (title is null || description is null || welcome is null || help is null || whoIsExample is null || greeting is null || topics is null || synonyms is null)
        {
            reading.Skipped(map);
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
            // Each entry one group, its words separated by spaces (the schema asks for two at least).
            Synonyms = [.. synonyms.Select(s => s.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))],
        };
    }
}
