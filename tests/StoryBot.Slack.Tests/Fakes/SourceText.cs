namespace StoryBot.Slack.Tests.Fakes;

/// <summary>The story's source text, read from the repository's knowledge pack.</summary>
internal static class SourceText
{
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bot.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Bot.sln not found above the test binaries");
        }
    }

    public static string KnowledgePath => Path.Combine(RepositoryRoot, "knowledge");

    public static string Story => File.ReadAllText(Path.Combine(KnowledgePath, "sources", "stargate-dispute.de.txt"));
}
