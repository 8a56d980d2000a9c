using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.Knowledge.Loading;

public sealed class KnowledgePackProviderTests
{
    // Generous: file system notifications on a loaded machine can take a while; a pass never waits this long.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static KnowledgePackProvider Provider(FixturePack fixture, TimeProvider time, ILogger<KnowledgePackProvider> logger) =>
        new(Options.Create(new KnowledgeOptions { Path = fixture.KnowledgeFolder }), time, logger);

    private static Task SwapOf(IKnowledgePackChanges changes)
    {
        var swapped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changes.GetChangeToken().RegisterChangeCallback(_ => swapped.TrySetResult(), null);
        return swapped.Task;
    }

    public sealed class Construction
    {
        [Fact]
        public void LoadsThePackAtOnce()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());

            Assert.Equal(5, provider.Current.Excerpts.Count);
            Assert.Equal(fixture.Path, provider.PackPath);
            Assert.False(provider.IsWatching);
        }

        [Fact]
        public void ThrowsEveryErrorOfAnInvalidPack()
        {
            using var fixture = new FixturePack();
            fixture.Edit("facts/funding.yaml", "by: musk", "by: elon");
            fixture.Edit("summary.yaml", "no-money", "no-mony");

            var exception = Assert.Throws<KnowledgePackException>(
                () => Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>()));

            Assert.Equal(2, exception.Errors.Count);
        }
    }

    public sealed class ReloadingByHand
    {
        [Fact]
        public void SwapsInAValidEditAndSignalsListeners()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());
            var before = provider.Current;
            var token = provider.GetChangeToken();
            KnowledgePackSwappedEventArgs? swap = null;
            provider.PackSwapped += (_, e) => swap = e;

            fixture.Edit("summary.yaml", "fight over Stargate's money.", "quarrel over Stargate's money.");

            Assert.True(provider.Reload());
            Assert.Equal("Musk and Altman quarrel over Stargate's money.", provider.Current.Summary.Text.En);
            Assert.NotEqual(before.Version, provider.Current.Version);
            Assert.True(token.HasChanged);
            Assert.False(provider.GetChangeToken().HasChanged);
            Assert.Same(before, swap!.Previous);
            Assert.Same(provider.Current, swap.Current);
        }

        [Fact]
        public void KeepsTheLastGoodPackAndLogsTheErrorsOfAnInvalidEdit()
        {
            using var fixture = new FixturePack();
            var logger = new RecordingLogger<KnowledgePackProvider>();
            using var provider = Provider(fixture, TimeProvider.System, logger);
            var before = provider.Current;
            var token = provider.GetChangeToken();

            fixture.Edit("facts/funding.yaml", "by: musk", "by: elon");

            Assert.False(provider.Reload());
            Assert.Same(before, provider.Current);
            Assert.False(token.HasChanged);
            var (level, message) = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
            Assert.Equal(LogLevel.Error, level);
            Assert.Contains($"version {before.Version} stays in service", message, StringComparison.Ordinal);
            Assert.Contains("story/facts/funding.yaml:16:", message, StringComparison.Ordinal);
            Assert.Contains("attribution.by entity 'elon' does not exist", message, StringComparison.Ordinal);
        }

        [Fact]
        public void KeepsTheLastGoodPackWhenAnEditChangesTheTopicsCommandsWhichAreRegisteredAtStart()
        {
            using var fixture = new FixturePack();
            var logger = new RecordingLogger<KnowledgePackProvider>();
            using var provider = Provider(fixture, TimeProvider.System, logger);
            var before = provider.Current;

            fixture.Edit("story.yaml", "name: {en: \"dispute\", de: \"streit\"}", "name: {en: \"fight\", de: \"streit\"}");

            Assert.False(provider.Reload());
            Assert.Same(before, provider.Current);
            var (level, message) = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
            Assert.Equal(LogLevel.Error, level);
            Assert.Contains("from /funding (funding), /dispute (dispute) to /funding (funding), /fight (dispute)", message, StringComparison.Ordinal);
            Assert.Contains($"version {before.Version} stays in service until a restart", message, StringComparison.Ordinal);
        }

        [Fact]
        public void SwapsInAnEditOfATopicCommandsTexts()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());

            fixture.Edit("story.yaml", "help: {en: \"both sides\"", "help: {en: \"both sides, each quoted\"");

            Assert.True(provider.Reload());
            Assert.Equal("both sides, each quoted", provider.Current.Story.Topic("dispute").Command?.Help.In(Language.English));
        }

        [Fact]
        public void DoesNotSignalWhenNothingChanged()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());
            var before = provider.Current;
            var token = provider.GetChangeToken();

            fixture.Write("README.md", "Notes that are not part of the pack.");

            Assert.False(provider.Reload());
            Assert.Same(before, provider.Current);
            Assert.False(token.HasChanged);
        }

        [Fact]
        public void KeepsSwappingWhenAListenerThrows()
        {
            using var fixture = new FixturePack();
            var logger = new RecordingLogger<KnowledgePackProvider>();
            using var provider = Provider(fixture, TimeProvider.System, logger);
            var heard = 0;
            provider.PackSwapped += (_, _) => throw new InvalidOperationException("listener bug");
            provider.PackSwapped += (_, _) => heard++;

            fixture.Edit("summary.yaml", "fight over", "quarrel over");

            Assert.True(provider.Reload());
            Assert.Equal(1, heard);
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("listener", StringComparison.Ordinal));
        }
    }

    public sealed class Watching
    {
        [Fact]
        public async Task ReloadsAValidEditOfTheFolder()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());
            provider.StartWatching();
            var swapped = SwapOf(provider);

            fixture.Edit("facts/dispute.yaml", "Altman says Musk is wrong.", "Altman says Musk is mistaken.");

            await swapped.WaitAsync(Patience);
            Assert.Equal("Altman says Musk is mistaken.", provider.Current.Facts.Single(f => f.Id == "altman-wrong").Statement.En);
        }

        [Fact]
        public async Task ReloadsAnEditOfTheStorysOwnTexts()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());
            provider.StartWatching();
            var swapped = SwapOf(provider);

            fixture.Edit("story.yaml", "Ask me about Musk, Altman and Stargate.", "Ask me about the Stargate quarrel.");

            await swapped.WaitAsync(Patience);
            Assert.Equal("Ask me about the Stargate quarrel.", provider.Current.Story.Welcome.In("en"));
        }

        [Fact]
        public async Task KeepsTheLastGoodPackWhenAnEditIsInvalidThenTakesTheFix()
        {
            using var fixture = new FixturePack();
            var logger = new RecordingLogger<KnowledgePackProvider>();
            using var provider = Provider(fixture, TimeProvider.System, logger);
            var good = provider.Current;
            provider.StartWatching();
            var swapped = SwapOf(provider);

            fixture.Edit("excerpts.yaml", "zunächst 100", "zuerst 100");

            var error = await logger.FirstError.WaitAsync(Patience);
            Assert.Contains("story/excerpts.yaml:13:", error, StringComparison.Ordinal);
            Assert.Contains("did you mean (paragraph 2)", error, StringComparison.Ordinal);
            Assert.Same(good, provider.Current);
            Assert.False(swapped.IsCompleted);

            fixture.Edit("excerpts.yaml", "zuerst 100", "zunächst 100");
            fixture.Edit("summary.yaml", "fight over", "quarrel over");

            await swapped.WaitAsync(Patience);
            Assert.Equal("Musk and Altman quarrel over Stargate's money.", provider.Current.Summary.Text.En);
        }

        [Fact]
        public async Task ReloadsWhenAFactFileIsAdded()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());
            provider.StartWatching();
            var swapped = SwapOf(provider);

            fixture.Write("facts/places.yaml", """
                - id: stargate-place
                  statement: {en: "Stargate builds in the US.", de: "Stargate baut in den USA."}
                  attribution: {kind: reported}
                  citations: [up-to-500bn]
                """);

            await swapped.WaitAsync(Patience);
            Assert.Equal("places", provider.Current.Facts.Single(f => f.Id == "stargate-place").Topic);
        }

        [Fact]
        public void KeepsServingWithAWarningWhenTheFolderCannotBeWatched()
        {
            using var fixture = new FixturePack();
            var logger = new RecordingLogger<KnowledgePackProvider>();
            using var provider = Provider(fixture, TimeProvider.System, logger);
            var pack = provider.Current;

            // Not even the folder it would sit in is there any more.
            Directory.Delete(Path.GetDirectoryName(fixture.Path)!, recursive: true);
            provider.StartWatching();

            Assert.False(provider.IsWatching);
            Assert.Same(pack, provider.Current);
            var (level, message) = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
            Assert.Equal(LogLevel.Warning, level);
            Assert.Contains("cannot be watched", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task KeepsReloadingAfterTheFolderIsDeletedAndCopiedBack()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());
            provider.StartWatching();
            var staging = CopyOf(fixture.Path, "staging");

            var swapped = SwapOf(provider);
            Directory.Delete(fixture.Path, recursive: true);
            EditFile(staging, "facts/dispute.yaml", "Altman says Musk is wrong.", "Altman says Musk is mistaken.");
            CopyDirectory(staging, fixture.Path);
            await swapped.WaitAsync(Patience);
            Assert.Equal("Altman says Musk is mistaken.", provider.Current.Facts.Single(f => f.Id == "altman-wrong").Statement.En);

            await AssertLaterEditsAreStillTakenAsync(fixture, provider);
        }

        [Fact]
        public async Task KeepsReloadingAfterANewFolderIsMovedIntoPlace()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());
            provider.StartWatching();
            await MoveNextVersionIntoPlaceAsync(fixture, provider, "facts/dispute.yaml", "Altman says Musk is wrong.", "Altman says Musk is mistaken.");

            Assert.Equal("Altman says Musk is mistaken.", provider.Current.Facts.Single(f => f.Id == "altman-wrong").Statement.En);

            await AssertLaterEditsAreStillTakenAsync(fixture, provider);
        }

        [Fact]
        public async Task KeepsTheLastGoodPackWhileTheFolderIsGoneAndReloadsWhenItIsBack()
        {
            using var fixture = new FixturePack();
            var logger = new RecordingLogger<KnowledgePackProvider>();
            using var provider = Provider(fixture, TimeProvider.System, logger);
            var good = provider.Current;
            provider.StartWatching();
            var saved = CopyOf(fixture.Path, "saved");

            Directory.Delete(fixture.Path, recursive: true);
            await logger.FirstError.WaitAsync(Patience);
            Assert.Same(good, provider.Current);

            var swapped = SwapOf(provider);
            EditFile(saved, "summary.yaml", "fight over", "quarrel over");
            CopyDirectory(saved, fixture.Path);
            await swapped.WaitAsync(Patience);
            Assert.Equal("Musk and Altman quarrel over Stargate's money.", provider.Current.Summary.Text.En);
        }

        [Fact]
        public async Task AnInvalidEditAfterASwapKeepsTheLastGoodPackAndNamesFileAndLine()
        {
            using var fixture = new FixturePack();
            var logger = new RecordingLogger<KnowledgePackProvider>();
            using var provider = Provider(fixture, TimeProvider.System, logger);
            provider.StartWatching();
            await MoveNextVersionIntoPlaceAsync(fixture, provider, "summary.yaml", "fight over", "quarrel over");
            var good = provider.Current;

            fixture.Edit("excerpts.yaml", "zunächst 100", "zuerst 100");

            var error = await logger.FirstError.WaitAsync(Patience);
            Assert.Contains("story/excerpts.yaml:13:", error, StringComparison.Ordinal);
            Assert.Same(good, provider.Current);
        }

        /// <summary>Stages the next version beside the pack with one edit and swaps it in with two moves, as a deploy does.</summary>
        private static async Task MoveNextVersionIntoPlaceAsync(FixturePack fixture, KnowledgePackProvider provider, string file, string from, string to)
        {
            var next = CopyOf(fixture.Path, "knowledge.next");
            EditFile(next, file, from, to);
            var swapped = SwapOf(provider);
            Directory.Move(fixture.Path, fixture.Path + ".old");
            Directory.Move(next, fixture.Path);
            await swapped.WaitAsync(Patience);
        }

        private static async Task AssertLaterEditsAreStillTakenAsync(FixturePack fixture, KnowledgePackProvider provider)
        {
            var swapped = SwapOf(provider);
            fixture.Edit("summary.yaml", "fight over", "quarrel over");
            await swapped.WaitAsync(Patience);
            Assert.Equal("Musk and Altman quarrel over Stargate's money.", provider.Current.Summary.Text.En);
        }

        /// <summary>A copy of the pack beside it, as a deploy stages the next version.</summary>
        private static string CopyOf(string folder, string name)
        {
            var copy = Path.Combine(Path.GetDirectoryName(folder)!, name);
            CopyDirectory(folder, copy);
            return copy;
        }

        private static void CopyDirectory(string from, string to)
        {
            foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            {
                Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
            }

            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
            }
        }

        private static void EditFile(string folder, string relativePath, string from, string to)
        {
            var path = Path.Combine(folder, relativePath);
            File.WriteAllText(path, File.ReadAllText(path).Replace(from, to, StringComparison.Ordinal));
        }

        [Fact]
        public void StopsWatchingWhenAsked()
        {
            using var fixture = new FixturePack();
            using var provider = Provider(fixture, TimeProvider.System, new RecordingLogger<KnowledgePackProvider>());

            provider.StartWatching();
            Assert.True(provider.IsWatching);
            provider.StopWatching();

            Assert.False(provider.IsWatching);
        }
    }

    public sealed class Debouncing
    {
        [Fact]
        public void WaitsForAQuietPeriodAfterTheLastPoke()
        {
            var time = new FakeTimeProvider();
            var runs = 0;
            using var signal = new DebouncedSignal(time, TimeSpan.FromMilliseconds(300), () => runs++);

            signal.Poke();
            time.Advance(TimeSpan.FromMilliseconds(200));
            signal.Poke();
            time.Advance(TimeSpan.FromMilliseconds(200));
            signal.Poke();
            time.Advance(TimeSpan.FromMilliseconds(299));
            Assert.Equal(0, runs);

            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, runs);

            time.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(1, runs);
        }

        [Fact]
        public void RunsAgainForALaterBurst()
        {
            var time = new FakeTimeProvider();
            var runs = 0;
            using var signal = new DebouncedSignal(time, TimeSpan.FromMilliseconds(300), () => runs++);

            signal.Poke();
            time.Advance(TimeSpan.FromSeconds(1));
            signal.Poke();
            signal.Poke();
            time.Advance(TimeSpan.FromSeconds(1));

            Assert.Equal(2, runs);
        }
    }
}
