namespace StoryBot.Testing.Slack;

/// <summary>The story's source text, read from the repository's knowledge pack.</summary>
public static class SourceText
{
    public static string RepositoryRoot => StoryBot.Testing.RepositoryFiles.Root;

    public static string KnowledgePath => Path.Combine(RepositoryRoot, "knowledge");

    public static string Story => File.ReadAllText(Path.Combine(KnowledgePath, "sources", "stargate-dispute.de.txt"));
}
