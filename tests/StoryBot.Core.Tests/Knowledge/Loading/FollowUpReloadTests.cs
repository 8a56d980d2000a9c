using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// A story in service gets a follow-up report: curators add its source, excerpt and a fact that supersedes
/// the earlier figure, and the reloaded pack answers with the newer report first.
/// </summary>
public sealed class FollowUpReloadTests : IDisposable
{
    private static readonly string[] CuratedFiles = ["excerpts.yaml", "entities.yaml", "facts/funding.yaml", "summary.yaml"];
    private static readonly string[] FollowUpSource = ["sources/harbour-followup.yaml", "sources/harbour-followup.de.txt"];

    private readonly string _parent = Path.Combine(Path.GetTempPath(), "storybot-follow-up-" + Guid.NewGuid().ToString("N"));
    private readonly string _pack;
    private readonly Dictionary<string, string> _withFollowUp = [];

    public FollowUpReloadTests()
    {
        _pack = HarbourStory.CopyTo(_parent);
        foreach (var file in CuratedFiles.Concat(FollowUpSource))
        {
            _withFollowUp[file] = File.ReadAllText(Path.Combine(_pack, file));
        }

        // The story as it stood after the initial report alone.
        foreach (var file in FollowUpSource)
        {
            File.Delete(Path.Combine(_pack, file));
        }

        Cut("excerpts.yaml", "- id: cost-52m");
        Cut("facts/funding.yaml", "- id: terminal-cost-52m");
        Replace("entities.yaml", "[council-decides, cost-52m]", "[council-decides]");
        Replace("summary.yaml", ", cost-52m]", "]");
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public async Task AnswersWithTheFollowUpOnceItIsAddedAndReloaded()
    {
        using var provider = new KnowledgePackProvider(
            Options.Create(new KnowledgeOptions { Path = _parent }), TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());
        using var services = StoryServices.Create(extra: s => s.AddSingleton<IKnowledgeProvider>(provider));
        var bot = services.GetRequiredService<IChatBot>();

        var before = await bot.Bot("How much does the ferry terminal cost?");
        Assert.Equal(["cost-40m"], before.Citations.Select(c => c.Id));
        Assert.DoesNotContain("earlier report", before.Text, StringComparison.Ordinal);

        foreach (var (file, text) in _withFollowUp)
        {
            File.WriteAllText(Path.Combine(_pack, file), text);
        }

        Assert.True(provider.Reload());
        var after = await bot.Bot("How much does the ferry terminal cost?");
        Assert.Equal(["cost-52m", "cost-40m"], after.Citations.Select(c => c.Id));
        Assert.Contains("An earlier report (Kellersund builds a new ferry terminal, 4 March 2026) said:", after.Text, StringComparison.Ordinal);
    }

    /// <summary>Drops the entry starting at <paramref name="entry"/>, the last of its file.</summary>
    private void Cut(string file, string entry)
    {
        var path = Path.Combine(_pack, file);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(entry, StringComparison.Ordinal);
        Assert.True(at > 0, $"{entry} is not in {file}");
        File.WriteAllText(path, text[..at]);
    }

    private void Replace(string file, string from, string to)
    {
        var path = Path.Combine(_pack, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
