using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.DataFiles;

namespace StoryBot.Core.Tests.DataFiles;

public sealed class DataDirectoryTests
{
    private static readonly string WorkingDirectory = Path.Combine(Path.GetTempPath(), "storybot-work");

    public sealed class Resolve
    {
        private readonly DataDirectory _directory = new("/var/lib/storybot", WorkingDirectory);

        [Theory]
        [InlineData("vectors", "/var/lib/storybot/vectors")]
        [InlineData("state/storybot.db", "/var/lib/storybot/state/storybot.db")]
        [InlineData(".", "/var/lib/storybot")]
        public void ARelativePathLandsUnderTheDataDirectory(string configured, string expected)
        {
            Assert.Equal(expected, _directory.Resolve(configured));
        }

        [Fact]
        public void AnAbsolutePathStaysAsGiven()
        {
            Assert.Equal("/srv/cache/vectors", _directory.Resolve("/srv/cache/vectors"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        public void ABlankPathStaysBlankSoASettingCanStillTurnItsFileOff(string configured)
        {
            Assert.Equal(configured, _directory.Resolve(configured));
        }

        [Fact]
        public void AnOlderValueNamingTheDataFolderFromTheWorkingDirectoryStillMeansThePlaceItAlwaysDid()
        {
            var directory = new DataDirectory("data", WorkingDirectory);

            Assert.Equal(Path.Combine(WorkingDirectory, "data", "vectors"), directory.Resolve("data/vectors"));
            Assert.Equal(Path.Combine(WorkingDirectory, "data"), directory.Resolve("data"));
        }

        [Fact]
        public void AnOlderDataFolderValueMovesWithADataDirectoryElsewhere()
        {
            Assert.Equal("/var/lib/storybot/data/vectors", _directory.Resolve("data/vectors"));
        }
    }

    public sealed class Location
    {
        [Fact]
        public void TheDefaultIsTheDataFolderOfTheWorkingDirectory()
        {
            var directory = new DataDirectory(Options.Create(new DataDirectoryOptions()));

            Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data"), directory.FullPath);
        }

        [Fact]
        public void ARelativeDataDirectoryIsTakenFromTheWorkingDirectory()
        {
            Assert.Equal(Path.Combine(WorkingDirectory, "state"), new DataDirectory("state/", WorkingDirectory).FullPath);
        }

        [Fact]
        public void ABlankDataDirectoryIsRefusedNamingTheKey()
        {
            var services = Services(("Storage:DataDirectory", " "));

            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<DataDirectory>());

            Assert.Contains("Storage:DataDirectory", error.Message, StringComparison.Ordinal);
        }
    }

    public sealed class Wiring
    {
        [Fact]
        public void TheVectorCacheIsKeptUnderTheDataDirectory()
        {
            var data = Path.Combine(Path.GetTempPath(), "storybot-data");

            var options = Services(("Storage:DataDirectory", data)).GetRequiredService<IOptions<AnsweringOptions>>().Value;

            Assert.Equal(Path.Combine(data, "vectors"), options.VectorCache);
        }

        [Fact]
        public void AnEmptyVectorCacheStillMeansNoCache()
        {
            var options = Services(("Answering:VectorCache", "")).GetRequiredService<IOptions<AnsweringOptions>>().Value;

            Assert.Equal(string.Empty, options.VectorCache);
        }
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStoryCore(configuration);
        return services.BuildServiceProvider();
    }
}
