namespace StoryBot.Core.Knowledge;

/// <summary>A curated text in both languages the bot answers in.</summary>
public sealed record LocalizedText(string En, string De)
{
    public string In(Language language) => language == Language.German ? De : En;
}
