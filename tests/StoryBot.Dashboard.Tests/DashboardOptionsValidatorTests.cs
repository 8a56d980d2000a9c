using Microsoft.Extensions.Configuration;

namespace StoryBot.Dashboard.Tests;

public sealed class DashboardOptionsValidatorTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8082")]
    [InlineData("http://localhost:8082")]
    [InlineData("http://[::1]:8082")]
    [InlineData("https://127.0.0.1:8443;http://127.0.0.1:8082")]
    public void LoopbackAddressesAreAccepted(string urls) =>
        Assert.True(Validate(new DashboardOptions { Enabled = true, Urls = urls }).Succeeded);

    [Theory]
    [InlineData("http://0.0.0.0:8082")]
    [InlineData("http://+:8082")]
    [InlineData("http://dashboard.example:8082")]
    [InlineData("http://127.0.0.1:8082;http://10.0.0.5:8082")]
    public void AnAddressBeyondThisMachineIsRefusedUnlessAllowed(string urls)
    {
        var refused = Validate(new DashboardOptions { Enabled = true, Urls = urls });
        var allowed = Validate(new DashboardOptions { Enabled = true, Urls = urls, AllowRemote = true });

        Assert.True(refused.Failed);
        Assert.Contains("Dashboard:AllowRemote", refused.FailureMessage, StringComparison.Ordinal);
        Assert.True(allowed.Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:8082/dashboard")]
    public void AnAddressKestrelCannotServeTheDashboardOnIsRefused(string urls)
    {
        var result = Validate(new DashboardOptions { Enabled = true, Urls = urls });

        Assert.True(result.Failed);
        Assert.Contains("Dashboard:Urls", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void DiscordSignInHalfConfiguredIsRefusedNamingWhatIsMissing()
    {
        var options = new DashboardOptions { Enabled = true };
        options.Discord.ClientSecret = "secret";

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("Dashboard:Discord:GuildId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SlackSignInHalfConfiguredIsRefusedNamingWhatIsMissing()
    {
        var options = new DashboardOptions { Enabled = true };
        options.Slack.ClientId = "123.456";
        options.Slack.ClientSecret = "secret";
        var complete = new DashboardOptions { Enabled = true };
        complete.Slack.ClientId = "123.456";
        complete.Slack.ClientSecret = "secret";
        complete.Slack.TeamId = "T0TEAM";

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("Dashboard:Slack:TeamId", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate(complete).Succeeded);
    }

    [Fact]
    public void OffByDefaultNothingIsChecked()
    {
        Assert.False(new DashboardOptions().Enabled);
        Assert.True(Validate(new DashboardOptions { Urls = "http://0.0.0.0:8082" }).Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(DashboardOptions options) =>
        new DashboardOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, options);
}
