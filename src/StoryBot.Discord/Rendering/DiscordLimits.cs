namespace StoryBot.Discord.Rendering;

/// <summary>Discord's message and embed limits (exceeding any of them is a 400).</summary>
internal static class DiscordLimits
{
    public const int EmbedsPerMessage = 10;
    public const int EmbedCharactersPerMessage = 6000;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int Footer = 2048;
    public const int Content = 2000;
    public const int AutocompleteChoices = 25;
    public const int ChoiceName = 100;
    public const int ChoiceValue = 100;
}
