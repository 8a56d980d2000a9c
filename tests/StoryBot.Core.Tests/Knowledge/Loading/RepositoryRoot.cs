namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries that holds Bot.sln.</summary>
internal static class RepositoryRoot
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

        throw new InvalidOperationException($"No Bot.sln above {AppContext.BaseDirectory}");
    }
}
