using StoryBot.Core.Knowledge;

namespace StoryBot.Discord.Commands;

/// <summary>
/// Discord's locales for a pack's language codes: Discord names some languages by region only
/// ("es-ES", "pt-BR", "sv-SE"), and shows a localization only for a locale it lists.
/// </summary>
internal static class DiscordLocales
{
    // https://discord.com/developers/docs/reference#locales
    private static readonly Dictionary<string, string[]> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bg"] = ["bg"], ["cs"] = ["cs"], ["da"] = ["da"], ["de"] = ["de"], ["el"] = ["el"], ["es"] = ["es-ES", "es-419"],
        ["fi"] = ["fi"], ["fr"] = ["fr"], ["hi"] = ["hi"], ["hr"] = ["hr"], ["hu"] = ["hu"], ["id"] = ["id"], ["it"] = ["it"],
        ["ja"] = ["ja"], ["ko"] = ["ko"], ["lt"] = ["lt"], ["nl"] = ["nl"], ["no"] = ["no"], ["nb"] = ["no"], ["pl"] = ["pl"],
        ["pt"] = ["pt-BR"], ["ro"] = ["ro"], ["ru"] = ["ru"], ["sv"] = ["sv-SE"], ["th"] = ["th"], ["tr"] = ["tr"], ["uk"] = ["uk"],
        ["vi"] = ["vi"], ["zh"] = ["zh-CN", "zh-TW"],
    };

    /// <summary>
    /// The text in every language the pack gives besides English (the command's own text), keyed by
    /// Discord locale; a language Discord has no locale for is left out; null when there is none.
    /// </summary>
    public static Dictionary<string, string>? Of(TextInLanguages text)
    {
        var localized = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in text.Languages.Where(code => code != TextInLanguages.Fallback))
        {
            foreach (var locale in ByLanguage.GetValueOrDefault(language, []))
            {
                localized[locale] = text.In(language);
            }
        }

        return localized.Count == 0 ? null : localized;
    }
}
