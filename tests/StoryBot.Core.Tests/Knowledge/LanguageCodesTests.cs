using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Tests.Knowledge;

public sealed class LanguageCodesTests
{
    [Theory]
    [InlineData("de", Language.German)]
    [InlineData("de-AT", Language.German)]
    [InlineData("en-US", Language.English)]
    [InlineData("en_GB", Language.English)]
    [InlineData("fr", null)]
    [InlineData("german", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ALocaleGivesItsLanguageOnlyWhenItIsOneTheStoryIsToldIn(string? locale, Language? expected)
    {
        Assert.Equal(expected, LanguageCodes.FromLocale(locale));
    }
}
