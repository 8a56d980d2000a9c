namespace StoryBot.Benchmarks.Scale;

/// <summary>A generated pack in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class ScalePackFolder : IDisposable
{
    private readonly string _root;

    public ScalePackFolder(int articles = ScalePack.DefaultArticles, int seed = ScalePack.DefaultSeed)
    {
        _root = Path.Combine(Path.GetTempPath(), $"storybot-scale-{articles}-{Guid.NewGuid():N}");
        PackPath = Path.Combine(_root, "knowledge");
        Contents = ScalePack.Write(PackPath, articles, seed);
    }

    public string PackPath { get; }

    public ScalePackContents Contents { get; }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
