using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Handling;

/// <summary>The asker's Slack locale, read with users.info against the fake Web API on a fake clock.</summary>
public sealed class SlackUserLanguagesTests : SlackServicesTest
{
    private const string German = "U0GERMAN01";
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);

    private SlackUserLanguages Languages => Services.GetRequiredService<SlackUserLanguages>();

    private protected override void Started() => Slack.UserLocales[German] = "de-DE";

    [Theory]
    [InlineData("de-DE", Language.German)]
    [InlineData("de-AT", Language.German)]
    [InlineData("en-US", Language.English)]
    [InlineData("en-GB", Language.English)]
    [InlineData("fr-FR", null)]
    public async Task TheUsersSlackLocaleGivesTheirLanguage(string locale, Language? expected)
    {
        Slack.UserLocales["U0SOMEONE1"] = locale;

        var language = await PreferredAsync("U0SOMEONE1");

        var call = await Slack.NextCallAsync("users.info");
        Assert.Equal(expected, language);
        Assert.Equal("U0SOMEONE1", call.Str("user"));
        Assert.Equal("true", call.Str("include_locale"));
        Assert.Equal("Bearer " + SlackTestHost.BotToken, call.Authorization);
    }

    [Fact]
    public async Task ALocaleIsAskedForOnceAndKeptUntilItExpires()
    {
        Assert.Equal(Language.German, await PreferredAsync(German));
        Assert.Equal(Language.German, await PreferredAsync(German));
        Assert.Equal(1, Slack.Count("users.info"));

        Time.Advance(TimeSpan.FromHours(6));
        Slack.UserLocales[German] = "en-US";

        Assert.Equal(Language.English, await PreferredAsync(German));
        Assert.Equal(2, Slack.Count("users.info"));
    }

    [Fact]
    public async Task AFailedLookupAnswersWithoutALanguageAndIsNotRepeatedForAMinute()
    {
        Slack.Script("users.info", FakeResponse.Error("missing_scope"));

        Assert.Null(await PreferredAsync(German));
        Assert.Contains(Logs.Lines, line => line.Message.Contains("missing_scope", StringComparison.Ordinal));
        Assert.Null(await PreferredAsync(German));
        Assert.Equal(1, Slack.Count("users.info"));

        Time.Advance(SlackUserLanguages.FailureLifetime);

        Assert.Equal(Language.German, await PreferredAsync(German));
        Assert.Equal(2, Slack.Count("users.info"));
    }

    [Fact]
    public async Task ASlowSlackHoldsTheRequestNoLongerThanTheBudgetAndItsAnswerServesTheNextOne()
    {
        var slack = new TaskCompletionSource();
        Slack.UserInfoGate = slack.Task;

        var first = Languages.PreferredAsync(German, CancellationToken.None);
        await Slack.NextCallAsync("users.info");
        Time.Advance(Budget);

        Assert.Null(await first.WaitAsync(Wait.Generous));

        // The clock stands still now, so the next request waits for the lookup still under way.
        var next = Languages.PreferredAsync(German, CancellationToken.None);
        slack.SetResult();

        Assert.Equal(Language.German, await next.WaitAsync(Wait.Generous));
        Assert.Equal(1, Slack.Count("users.info"));
    }

    [Fact]
    public async Task ARateLimitedLookupHoldsTheRequestNoLongerThanTheBudget()
    {
        Slack.Script("users.info", FakeResponse.RateLimited(30));

        var first = Languages.PreferredAsync(German, CancellationToken.None);
        await Slack.NextCallAsync("users.info");
        Time.Advance(Budget);

        Assert.Null(await first.WaitAsync(Wait.Generous));
    }

    /// <summary>Asks with the clock standing still, so the budget never runs out: the lookup's own answer decides.</summary>
    private Task<Language?> PreferredAsync(string user) => Languages.PreferredAsync(user, CancellationToken.None).WaitAsync(Wait.Generous);
}
