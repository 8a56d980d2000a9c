namespace StoryBot.Benchmarks.Support;

/// <summary>The repository's own story pack, found beside the nearest Bot.sln above the running program.</summary>
internal static class RepositoryPack
{
    public static string Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The knowledge folder, holding one folder per story: what <c>Knowledge:Path</c> names.</summary>
    public static string KnowledgePath() => Path.Combine(Root(), "knowledge");

    /// <summary>The folder of the story the checkout carries: what the pack loader reads.</summary>
    public static string StoryPath() => Path.Combine(KnowledgePath(), "stargate-dispute");
}
