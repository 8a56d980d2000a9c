namespace StoryBot.Testing;

/// <summary>
/// A knowledge folder in a temporary place holding two stories side by side: a copy of the story of the
/// checkout and of the invented harbour story (tests/StoryBot.Core.Tests/Fixtures/harbour-story), for
/// tests of one host serving both. Deleted when disposed.
/// </summary>
public sealed class TwoStoryKnowledge : IDisposable
{
    public const string Stargate = "stargate-dispute";
    public const string Harbour = "harbour-story";

    public TwoStoryKnowledge()
    {
        CopyFolder(RepositoryFiles.Story, FolderOf(Stargate));
        CopyFolder(HarbourFixture, FolderOf(Harbour));
    }

    /// <summary>The invented harbour story's folder in the checkout.</summary>
    public static string HarbourFixture => System.IO.Path.Combine(RepositoryFiles.Root, "tests", "StoryBot.Core.Tests", "Fixtures", Harbour);

    /// <summary>The knowledge folder (what Knowledge:Path names).</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "storybot-two-stories-" + Guid.NewGuid().ToString("N"));

    public string FolderOf(string story) => System.IO.Path.Combine(Path, story);

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>Copies every file under <paramref name="from"/> to the same place under <paramref name="to"/>; returns <paramref name="to"/>.</summary>
    public static string CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return to;
    }
}
