using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Configuration;

public sealed class AddStoryStateTests
{
    public sealed class Validation
    {
        [Fact]
        public void AnUnknownProviderIsRefusedNamingTheKey()
        {
            var error = Assert.Throws<OptionsValidationException>(() => Resolve(("Storage:Provider", "mysql")).GetRequiredService<IOptions<StorageOptions>>().Value);

            Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
            Assert.Contains("mysql", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void PostgresWithoutAConnectionStringIsRefusedNamingTheKey()
        {
            var error = Assert.Throws<OptionsValidationException>(() => Resolve(("Storage:Provider", "postgres")).GetRequiredService<IOptions<StorageOptions>>().Value);

            Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ARetentionOutOfRangeIsRefusedNamingTheKey()
        {
            var error = Assert.Throws<OptionsValidationException>(() => Resolve(("Moderation:AnswerRetention", "00:00:05")).GetRequiredService<IOptions<ModerationStateOptions>>().Value);

            Assert.Contains("Moderation:AnswerRetention", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ASpillFileLimitUnderOneByteIsRefusedNamingTheKey()
        {
            var error = Assert.Throws<OptionsValidationException>(() => Resolve(("Storage:MaxSpillFileBytes", "0")).GetRequiredService<IOptions<StorageOptions>>().Value);

            Assert.Contains("Storage:MaxSpillFileBytes", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ASpillTakeoverIntervalUnderASecondIsRefusedNamingTheKey()
        {
            var error = Assert.Throws<OptionsValidationException>(() => Resolve(("Storage:SpillTakeoverInterval", "00:00:00")).GetRequiredService<IOptions<StorageOptions>>().Value);

            Assert.Contains("Storage:SpillTakeoverInterval", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void WithoutAStorageSectionStateGoesToASqliteFileInTheWorkingDirectorysDataFolder()
        {
            var options = Resolve().GetRequiredService<IOptions<StorageOptions>>().Value;

            Assert.Equal(StorageOptions.Sqlite, options.Provider);
            Assert.Equal($"Data Source={Path.Combine(Directory.GetCurrentDirectory(), "data", "storybot.db")}", options.EffectiveConnectionString);
            Assert.Equal(TimeSpan.FromDays(30), Resolve().GetRequiredService<IOptions<ModerationStateOptions>>().Value.AnswerRetention);
        }
    }

    public sealed class SqliteFile
    {
        private static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "storybot-data");

        [Theory]
        [InlineData("Data Source=state.db", "state.db")]
        [InlineData("Data Source=nested/state.db;Cache=Shared", "nested/state.db")]
        [InlineData("Filename=state.db", "state.db")]
        public void ARelativeFileIsTakenUnderTheDataDirectory(string connectionString, string file)
        {
            var resolved = new SqliteConnectionStringBuilder(ConnectionString(("Storage:ConnectionString", connectionString)));

            Assert.Equal(Path.Combine(DataDirectory, file), resolved.DataSource);
        }

        [Fact]
        public void OtherKeysOfTheConnectionStringAreKept()
        {
            var resolved = new SqliteConnectionStringBuilder(ConnectionString(("Storage:ConnectionString", "Data Source=state.db;Cache=Shared;Default Timeout=7")));

            Assert.Equal(SqliteCacheMode.Shared, resolved.Cache);
            Assert.Equal(7, resolved.DefaultTimeout);
        }

        [Fact]
        public void AnAbsoluteFileStaysWhereItIsNamed()
        {
            var file = Path.Combine(Path.GetTempPath(), "elsewhere", "state.db");

            Assert.Equal($"Data Source={file}", ConnectionString(("Storage:ConnectionString", $"Data Source={file}")));
        }

        [Theory]
        [InlineData("Data Source=:memory:")]
        [InlineData("Data Source=shared;Mode=Memory")]
        public void AnInMemoryDatabaseIsLeftAlone(string connectionString)
        {
            Assert.Equal(connectionString, ConnectionString(("Storage:ConnectionString", connectionString)));
        }

        [Fact]
        public void APostgresConnectionStringIsLeftAlone()
        {
            const string Server = "Host=db;Username=storybot;Password=secret;Database=storybot";

            Assert.Equal(Server, ConnectionString(("Storage:Provider", "postgres"), ("Storage:ConnectionString", Server)));
        }

        private static string ConnectionString(params (string Key, string Value)[] settings) =>
            Resolve([("Storage:DataDirectory", DataDirectory), .. settings]).GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!;
    }

    public sealed class Wiring
    {
        [Fact]
        public void TheStoreReplacesTheDefaultCitationPolicyAndAnswerRecorderAndMigratesFirst()
        {
            var services = new ServiceCollection();
            services.AddSingleton<ICitationPolicy>(new Moq.Mock<ICitationPolicy>().Object);
            services.AddSingleton<IHostedService>(new Moq.Mock<IHostedService>().Object);

            services.AddStoryState(new ConfigurationBuilder().Build());
            services.AddStoryState(new ConfigurationBuilder().Build());

            Assert.Equal(typeof(StoreCitationPolicy), Assert.Single(services, d => d.ServiceType == typeof(ICitationPolicy)).ImplementationType);
            Assert.Single(services, d => d.ServiceType == typeof(IAnswerRecorder));
            Assert.Equal("StateMigrationService", services.First(d => d.ServiceType == typeof(IHostedService)).ImplementationType?.Name);
            Assert.Single(services, d => d.ImplementationType?.Name == "StateMigrationService");
            Assert.Single(services, d => d.ImplementationType?.Name == "SourcesCommand");
        }

        [Fact]
        public void TheWritesTheLastRunLeftWaitingAreAppliedRightAfterTheMigrationBeforeAnyOtherHostedServiceReadsTheState()
        {
            var services = new ServiceCollection();
            services.AddSingleton<IHostedService>(new Moq.Mock<IHostedService>().Object);

            services.AddStoryState(new ConfigurationBuilder().Build());
            services.AddStoryState(new ConfigurationBuilder().Build());

            var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
            Assert.Equal(["StateMigrationService", "StateWriteReplayService"], hosted.Take(2).Select(d => d.ImplementationType?.Name));
            Assert.Single(services, d => d.ImplementationType?.Name == "StateWriteReplayService");
        }

        [Fact]
        public async Task AHostDisposedSynchronouslyDisposesTheDatabaseWithoutError()
        {
            var folder = Path.Combine(Path.GetTempPath(), "storybot-tests", Guid.NewGuid().ToString("N"));
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddStoryState(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "state.db")}",
            }).Build());
            var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<IStateDatabase>().MigrateAsync(CancellationToken.None);

            provider.Dispose();

            Directory.Delete(folder, recursive: true);
        }

        [Fact]
        public async Task TheSqliteFolderIsCreatedWhenMissing()
        {
            var folder = Path.Combine(Path.GetTempPath(), "storybot-tests", Guid.NewGuid().ToString("N"));
            var file = Path.Combine(folder, "nested", "data", "state.db");
            try
            {
                await using (var database = new SqliteStateDatabase($"Data Source={file}", [new ModerationSchema()], NullLogger<SqliteStateDatabase>.Instance))
                {
                    await database.MigrateAsync(CancellationToken.None);
                }

                Assert.True(File.Exists(file));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async Task TheSqliteFileUsesTheWriteAheadLog()
        {
            var folder = Path.Combine(Path.GetTempPath(), "storybot-tests", Guid.NewGuid().ToString("N"));
            try
            {
                await using var database = new SqliteStateDatabase($"Data Source={Path.Combine(folder, "state.db")}", [new ModerationSchema()], NullLogger<SqliteStateDatabase>.Instance);

                var mode = await database.ReadAsync(session => session.ScalarAsync<string>("PRAGMA journal_mode"), CancellationToken.None);
                var synchronous = await database.ReadAsync(session => session.ScalarAsync<long>("PRAGMA synchronous"), CancellationToken.None);

                Assert.Equal("wal", mode);
                Assert.Equal(2, synchronous); // FULL
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static ServiceProvider Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStoryState(configuration);
        return services.BuildServiceProvider();
    }
}
