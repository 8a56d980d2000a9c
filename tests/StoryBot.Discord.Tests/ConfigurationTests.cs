using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Tests;

public sealed class ConfigurationTests
{
    public sealed class ModeratorRoles
    {
        [Fact]
        public void RolesAreReadFromTheDiscordSectionAndFromTheOlderModerationKeyOnce()
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Discord:PublicKey"] = new string('a', 64),
                    ["Discord:Token"] = "token",
                    ["Discord:ApplicationId"] = "1",
                    ["Discord:ModeratorRoleIds:0"] = "111",
                    ["Moderation:DiscordRoleIds:0"] = "111",
                    ["Moderation:DiscordRoleIds:1"] = "222",
                })
                .Build();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddLogging();
            services.AddDiscord(configuration);
            using var provider = services.BuildServiceProvider();

            var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;

            Assert.Equal(["111", "222"], options.ModeratorRoleIds);
        }
    }

    public sealed class Validator
    {
        private readonly DiscordOptionsValidator _validator = new();

        [Fact]
        public void NothingConfiguredMeansDiscordIsOffAndValid()
        {
            Assert.True(_validator.Validate(null, new DiscordOptions()).Succeeded);
        }

        [Fact]
        public void ATokenAloneNamesTheMissingKeys()
        {
            var result = _validator.Validate(null, new DiscordOptions { Token = "x" });

            Assert.Contains("Discord:PublicKey is required when Discord:Token is set", result.Failures!);
            Assert.Contains("Discord:ApplicationId is required when Discord:Token is set", result.Failures!);
        }

        [Fact]
        public void APublicKeyAloneNamesTheMissingToken()
        {
            var result = _validator.Validate(null, new DiscordOptions { PublicKey = new string('a', 64), ApplicationId = "1" });

            Assert.Equal(["Discord:Token is required when Discord:PublicKey is set"], result.Failures!);
        }

        [Fact]
        public void MalformedValuesAreNamed()
        {
            var options = new DiscordOptions { Token = "x", PublicKey = "xyz", ApplicationId = "abc", ApiBaseUrl = "nope", GatewayUrl = "http://x" };
            options.GuildIds.Add("guild");

            var failures = string.Join('\n', _validator.Validate(null, options).Failures!);

            Assert.Contains("Discord:PublicKey must be", failures, StringComparison.Ordinal);
            Assert.Contains("Discord:ApplicationId must be", failures, StringComparison.Ordinal);
            Assert.Contains("Discord:ApiBaseUrl must be", failures, StringComparison.Ordinal);
            Assert.Contains("Discord:GatewayUrl must be", failures, StringComparison.Ordinal);
            Assert.Contains("Discord:GuildIds must", failures, StringComparison.Ordinal);
        }
    }

    public sealed class ModeratorCommandPermissions
    {
        private readonly DiscordOptionsValidator _validator = new();

        [Fact]
        public void DefaultsToManageServer()
        {
            Assert.Equal("32", new DiscordOptions().ModeratorCommandPermissions);
        }

        [Theory]
        [InlineData("0")]
        [InlineData("32")]
        [InlineData("8224")]
        public void ADecimalBitSetIsValid(string permissions)
        {
            Assert.True(_validator.Validate(null, Configured(permissions)).Succeeded);
        }

        [Theory]
        [InlineData("")]
        [InlineData("0x20")]
        [InlineData("-32")]
        [InlineData("Manage Server")]
        [InlineData("18446744073709551616")]
        public void AnythingElseStopsTheStartNamingTheKey(string permissions)
        {
            var failures = _validator.Validate(null, Configured(permissions)).Failures!;

            Assert.Contains(failures, f => f.StartsWith("Discord:ModeratorCommandPermissions must be", StringComparison.Ordinal));
        }

        private static DiscordOptions Configured(string permissions) =>
            new() { Token = "x", PublicKey = new string('a', 64), ApplicationId = "1", ModeratorCommandPermissions = permissions };
    }

    public sealed class Shards
    {
        private readonly DiscordOptionsValidator _validator = new();

        [Fact]
        public void ByDefaultTheShardsDiscordRecommendsRunHere()
        {
            var options = Configured();

            Assert.Equal("auto", options.Shards);
            Assert.True(_validator.Validate(null, options).Succeeded);
        }

        [Theory]
        [InlineData(4, new[] { 0, 1 })]
        [InlineData(4, new[] { 3 })]
        [InlineData(2, new int[0])]
        public void ExplicitShardsWithinTheirCountAreValid(int count, int[] ids)
        {
            Assert.True(_validator.Validate(null, Configured("Explicit", count, ids)).Succeeded);
        }

        [Fact]
        public void ExplicitShardsNeedTheirCount()
        {
            Assert.Equal(["Discord:ShardCount is required when Discord:Shards is explicit"], _validator.Validate(null, Configured("explicit", null, 0)).Failures!);
        }

        [Fact]
        public void AShardIdOutsideTheCountIsNamed()
        {
            var failures = _validator.Validate(null, Configured("explicit", 4, 0, 4, -1)).Failures!;

            Assert.Equal(["Discord:ShardIds must lie within 0 to 3 (Discord:ShardCount is 4); 4, -1 do not"], failures);
        }

        [Fact]
        public void AShardIdNamedTwiceIsNamed()
        {
            var failures = _validator.Validate(null, Configured("explicit", 4, 1, 2, 1)).Failures!;

            Assert.Equal(["Discord:ShardIds must name each shard once; 1 is repeated"], failures);
        }

        [Fact]
        public void ShardIdsOrACountWithoutExplicitAreRefusedRatherThanIgnored()
        {
            var failures = _validator.Validate(null, Configured("auto", 4, 0)).Failures!;

            Assert.Contains(failures, f => f.StartsWith("Discord:ShardIds and Discord:ShardCount apply only with Discord:Shards=explicit", StringComparison.Ordinal));
        }

        [Fact]
        public void AnUnknownModeIsNamed()
        {
            Assert.Equal(["Discord:Shards must be auto or explicit"], _validator.Validate(null, Configured("all")).Failures!);
        }

        [Fact]
        public async Task ABadShardListStopsTheHostNamingTheKey()
        {
            await using var app = Hosting.Build(new Dictionary<string, string?>
            {
                ["Discord:Token"] = "x",
                ["Discord:ApplicationId"] = "1",
                ["Discord:PublicKey"] = new string('a', 64),
                ["Discord:Shards"] = "explicit",
                ["Discord:ShardCount"] = "2",
                ["Discord:ShardIds:0"] = "2",
            });

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains("Discord:ShardIds must lie within 0 to 1", error.Message, StringComparison.Ordinal);
        }

        private static DiscordOptions Configured(string shards = "auto", int? count = null, params int[] ids)
        {
            var options = new DiscordOptions { Token = "x", PublicKey = new string('a', 64), ApplicationId = "1", Shards = shards, ShardCount = count };
            foreach (var id in ids)
            {
                options.ShardIds.Add(id);
            }

            return options;
        }
    }

    public sealed class Hosting
    {
        [Fact]
        public async Task AHalfConfiguredSectionStopsTheHostNamingTheKey()
        {
            await using var app = Build(new Dictionary<string, string?> { ["Discord:Token"] = "x", ["Discord:ApplicationId"] = "1" });

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains("Discord:PublicKey is required when Discord:Token is set", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task WithoutTokenOrPublicKeyNothingIsMappedOrRegistered()
        {
            await using var app = Build(new Dictionary<string, string?>());
            app.MapDiscord();
            await app.StartAsync();
            using var http = new HttpClient();

            using var response = await http.PostAsync(
                app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/discord/interactions",
                new StringContent("{\"type\":1}"));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Empty(app.Services.GetServices<IChannelPoster>());
            await app.StopAsync();
        }

        internal static WebApplication Build(Dictionary<string, string?> settings)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton(Moq.Mock.Of<IChatBot>());
            builder.Services.AddDiscord(builder.Configuration);
            return builder.Build();
        }
    }
}
