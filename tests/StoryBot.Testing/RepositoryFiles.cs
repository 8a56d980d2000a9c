namespace StoryBot.Testing;

/// <summary>The checkout the tests run from (the folder holding Bot.sln) and the story's files in it.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> FoundRoot = new(Find);

    public static string Root => FoundRoot.Value;

    /// <summary>The knowledge folder, holding one folder per story: what <c>Knowledge:Path</c> names.</summary>
    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>The folder of the story the checkout carries: what the pack loader reads.</summary>
    public static string Story => Path.Combine(Knowledge, "stargate-dispute");

    /// <summary>The story's source text as the knowledge pack holds it.</summary>
    public static string StorySource => File.ReadAllText(Path.Combine(Story, "sources", "stargate-dispute.de.txt"));

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
