namespace StoryBot.Core.Tests.TestSupport;

/// <summary>The checkout the tests run from: the folder holding Bot.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Knowledge => System.IO.Path.Combine(Path, "knowledge");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
