using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.TestSupport;

/// <summary>
/// The invented developing story of Fixtures/harbour-story, written for the tests: an initial report and a
/// follow-up a day later that corrects the ferry terminal's cost (40 → 52 million euros).
/// </summary>
internal static class HarbourStory
{
    public const string FolderName = "harbour-story";

    private static readonly Lazy<KnowledgePack> Loaded = new(() => KnowledgePackLoader.Load(Folder));

    public static string Folder => System.IO.Path.Combine(RepoRoot.Path, "tests", "StoryBot.Core.Tests", "Fixtures", FolderName);

    public static KnowledgePack Pack => Loaded.Value;

    /// <summary>A copy in a temporary folder, for tests that edit a file to introduce a problem.</summary>
    public static string CopyTo(string parent) => StoryBot.Testing.TwoStoryKnowledge.CopyFolder(Folder, System.IO.Path.Combine(parent, FolderName));
}
