namespace StoryBot.Core.Tests.TestSupport;

/// <summary>The checkout the tests run from (see <see cref="StoryBot.Testing.RepositoryFiles"/>).</summary>
internal static class RepoRoot
{
    public static string Path => StoryBot.Testing.RepositoryFiles.Root;

    public static string Knowledge => StoryBot.Testing.RepositoryFiles.Knowledge;

    public static string Story => StoryBot.Testing.RepositoryFiles.Story;
}
