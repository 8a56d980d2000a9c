namespace StoryBot.Core.Knowledge;

public enum Language
{
    English,
    German,
}

public static class LanguageCodes
{
    public static string Code(this Language language) => language == Language.German ? "de" : "en";

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
