namespace StoryBot.Testing.Slack;

/// <summary>The story's source text, read from the repository's knowledge pack.</summary>
public static class SourceText
{
    public static string RepositoryRoot => StoryBot.Testing.RepositoryFiles.Root;

    public static string KnowledgePath => StoryBot.Testing.RepositoryFiles.Knowledge;

    public static string Story => StoryBot.Testing.RepositoryFiles.StorySource;
}
