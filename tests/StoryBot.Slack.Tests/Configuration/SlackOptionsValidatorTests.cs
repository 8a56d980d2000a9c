using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Tests.Configuration;

public class SlackOptionsValidatorTests
{
    private static ValidateOptionsResult Check(string? bot = null, string? app = null, string? secret = null) =>
        new SlackOptionsValidator().Validate(null, new SlackOptions { BotToken = bot, AppToken = app, SigningSecret = secret });

    public class Validate
    {
        [Fact]
        public void NoTokensMeansSlackIsOffAndValid()
        {
            var result = Check();

            Assert.True(result.Succeeded);
            Assert.False(new SlackOptions().IsEnabled);
        }

        [Theory]
        [InlineData("xapp-1-A", null)]
        [InlineData(null, "secret")]
        public void AppTokenOrSigningSecretWithoutBotTokenNamesBotToken(string? app, string? secret)
        {
            var result = Check(app: app, secret: secret);

            Assert.True(result.Failed);
            Assert.Contains("Slack:BotToken is required when Slack:AppToken or Slack:SigningSecret is set", result.FailureMessage, StringComparison.Ordinal);
        }

        [Fact]
        public void BotTokenAloneNamesAppTokenAndSigningSecret()
        {
            var result = Check(bot: "xoxb-1");

            Assert.True(result.Failed);
            Assert.Contains("Slack:AppToken", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("Slack:SigningSecret", result.FailureMessage, StringComparison.Ordinal);
        }

        [Fact]
        public void BlankSigningSecretIsAnErrorNotASkip()
        {
            var result = Check(bot: "xoxb-1", app: "xapp-1", secret: "   ");

            Assert.True(result.Failed);
            Assert.Contains("Slack:SigningSecret is blank", result.FailureMessage, StringComparison.Ordinal);
        }

        [Fact]
        public void UserTokenInsteadOfBotTokenIsRefused()
        {
            var result = Check(bot: "xoxp-1", app: "xapp-1");

            Assert.True(result.Failed);
            Assert.Contains("Slack:BotToken must be a bot token starting with xoxb-", result.FailureMessage, StringComparison.Ordinal);
        }

        [Fact]
        public void WrongKindOfAppTokenIsRefused()
        {
            var result = Check(bot: "xoxb-1", app: "xoxb-2");

            Assert.True(result.Failed);
            Assert.Contains("Slack:AppToken must be an app-level token starting with xapp-", result.FailureMessage, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("xapp-1", null)]
        [InlineData(null, "secret")]
        [InlineData("xapp-1", "secret")]
        public void BotTokenWithAppTokenOrSigningSecretIsValid(string? app, string? secret)
        {
            Assert.True(Check(bot: "xoxb-1", app: app, secret: secret).Succeeded);
        }

        [Fact]
        public void ErrorsNeverQuoteATokenValue()
        {
            var result = Check(bot: "xoxp-very-secret", app: "xoxb-also-secret", secret: " ");

            Assert.DoesNotContain("very-secret", result.FailureMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("also-secret", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    public class HostStart
    {
        [Fact]
        public async Task HalfConfiguredSectionStopsTheHostNamingTheKey()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-1" });
            builder.Services.AddSingleton(Mock.Of<IChatBot>());
            builder.Services.AddSingleton(Mock.Of<IKnowledgeProvider>());
            builder.Services.AddSlack(builder.Configuration);
            await using var app = builder.Build();

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains("is required when Slack:BotToken is set", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("UserLocaleBudget", "00:00:02")]
        [InlineData("UserLocaleLifetime", "00:00:10")]
        public async Task AUserLocaleSettingOutOfRangeStopsTheHostNamingTheKey(string key, string value)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Slack:BotToken"] = "xoxb-1",
                ["Slack:SigningSecret"] = "secret",
                [$"Slack:{key}"] = value,
            });
            builder.Services.AddSingleton(Mock.Of<IChatBot>());
            builder.Services.AddSingleton(Mock.Of<IKnowledgeProvider>());
            builder.Services.AddSlack(builder.Configuration);
            await using var app = builder.Build();

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task WithoutASlackSectionTheHostStartsAndNoSlackPosterIsRegistered()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(Mock.Of<IChatBot>());
            builder.Services.AddSingleton(Mock.Of<IKnowledgeProvider>());
            builder.Services.AddSlack(builder.Configuration);
            await using var app = builder.Build();
            app.MapSlack();

            await app.StartAsync();

            Assert.Empty(app.Services.GetServices<IChannelPoster>());
            await app.StopAsync();
        }
    }
}
