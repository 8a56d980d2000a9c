namespace StoryBot.Core.Knowledge;

/// <summary>
/// A curated text of the story profile in every language the pack gives, keyed by language code
/// ("en", "de", "fr", …). A pack may add a language without a code change; English is always
/// present and stands in for any language the pack does not give.
/// </summary>
public sealed class TextInLanguages
{
    public const string Fallback = "en";

    private readonly Dictionary<string, string> _texts;

    public TextInLanguages(IReadOnlyDictionary<string, string> texts)
    {
        if (!texts.ContainsKey(Fallback))
        {
            throw new ArgumentException($"a text in languages needs its English ('{Fallback}') text", nameof(texts));
        }

        _texts = new Dictionary<string, string>(texts, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Languages => _texts.Keys;

    /// <summary>The text in the language with <paramref name="code"/>, or the English text when the pack does not give that language.</summary>
    public string In(string code) => _texts.TryGetValue(code, out var text) ? text : _texts[Fallback];

    public string In(Language language) => In(language.Code());

    /// <summary>The two languages the engine answers in, for the parts of the bot that speak in <see cref="LocalizedText"/>.</summary>
    public LocalizedText ToLocalizedText() => new(In(Language.English), In(Language.German));
}
