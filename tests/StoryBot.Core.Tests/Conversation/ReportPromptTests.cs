using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Tests.Conversation;

public sealed class ReportPromptTests
{
    public static TheoryData<Language> Languages => new() { Language.English, Language.German };

    [Theory]
    [MemberData(nameof(Languages))]
    public void TheFormsWordsFitBothPlatformsLimits(Language language)
    {
        // Slack: title, submit and close at most 24 characters, placeholders 150; Discord: modal
        // title 45, text input label 45, placeholder 100.
        Assert.InRange(ReportPrompt.Title.In(language).Length, 1, 24);
        Assert.InRange(ReportPrompt.Submit.In(language).Length, 1, 24);
        Assert.InRange(ReportPrompt.Cancel.In(language).Length, 1, 24);
        Assert.InRange(ReportPrompt.ReasonLabel.In(language).Length, 1, 45);
        Assert.InRange(ReportPrompt.ReasonPlaceholder.In(language).Length, 1, 100);
    }

    [Theory]
    [InlineData("misquoted", "/report misquoted")]
    [InlineData(null, "/report")]
    [InlineData("", "/report")]
    public void ASubmittedFormIsTheReportCommandWithItsReason(string? reason, string expected) =>
        Assert.Equal(expected, ReportPrompt.CommandLine(reason));
}
