namespace StoryBot.Core.Knowledge;

public enum Language
{
    English,
    German,
}

public static class LanguageCodes
{
    public static string Code(this Language language) => language == Language.German ? "de" : "en";

    /// <summary>
    /// The language of a user's locale as platforms send it ("de", "en-US", "de-AT"); null for any
    /// other, where the question's own words and then English decide.
    /// </summary>
    public static Language? FromLocale(string? locale)
    {
        var primary = locale?.Split('-', '_')[0];
        return primary is not null && TryParse(primary, out var language) && primary.Length == 2 ? language : null;
    }

    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "en" or "english":
                language = Language.English;
                return true;
            case "de" or "german" or "deutsch":
                language = Language.German;
                return true;
            default:
                language = Language.English;
                return false;
        }
    }
}
