using System.Text.RegularExpressions;

namespace StoryBot.Core.Answering;

/// <summary>
/// Greetings, the bot's name and lead-ins ("quick question", "can you tell me", "antworte kurz")
/// before the question, in English and German.
/// </summary>
internal static partial class LeadingPhrases
{
    // The word lists, as regex alternations. Phrases are removed in runs, so "hey storybot, quick
    // question:" goes in one match.
    private const string Separators = @"[\s,:;!.\-–—]*";

    private const string Greeting = @"(?:hey|hi|hello|yo|hallo|moin|servus)(?:\s+(?:there|bot))?";

    private const string LeadingPhrase =
        Greeting
        + @"|@?storybot|ok(?:ay)?\s+so|quick\s+q(?:uestion)?|kurze\s+frage"
        + @"|(?:can|could)\s+(?:some|any)(?:one|body)\s+(?:just\s+|please\s+)?(?:tell\s+me|explain)|(?:does|do)\s+any(?:one|body)\s+know"
        + @"|(?:kann|könnte)\s+(?:mir\s+)?(?:mal\s+)?(?:jemand|wer)\s+(?:mal\s+)?(?:sagen|erklären)|wei(?:ß|ss)\s+(?:jemand|wer)|hat\s+(?:jemand|wer)\s+mitbekommen"
        + @"|answer\s+briefly|in\s+short|short\s+answer|tl;?dr|eli5|(?:with\s+)?sources\s+please|cite\s+your\s+sources"
        + @"|(?:can|could)\s+you\s+(?:please\s+)?(?:tell\s+me(?:\s+about)?|explain(?:\s+to\s+me)?)"
        + @"|what(?:'|’)?s\s+(?:the\s+(?:deal|story)\s+with|up\s+with)"
        + @"|tell\s+me(?:\s+briefly)?(?:\s+about)?|explain(?:\s+to\s+me)?(?:\s+briefly)?|do\s+you\s+know|i\s+wonder|i\s+want\s+to\s+know"
        + @"|antworte\s+kurz|antworte\s+ohne\s+quellen|kurze\s+antwort|mit\s+quellen(?:\s+bitte)?"
        + @"|erkläre?(?:\s+(?:mir|mal|kurz|bitte|nochmal))*|kannst\s+du\s+mir\s+(?:sagen|erklären)|wei(?:ß|ss)t\s+du|sag\s+(?:mal|mir)"
        + @"|ich\s+möchte\s+wissen|mich\s+würde\s+interessieren|please|pls|bitte"
        + "|" + TopicChange + "|" + AboutTheArticle;

    /// <summary>"Does the article say …", "steht im Artikel, dass …": every question here is about the article.</summary>
    private const string AboutTheArticle =
        @"(?:does|did)\s+(?:the|this|that)\s+(?:article|story|piece|report|text)\s+(?:say|mention|tell\s+us|claim)(?:\s+(?:that|whether|if|anything\s+about))?"
        + @"|(?:steht|stand)\s+(?:im|in\s+dem)\s+(?:artikel|text|bericht)(?:\s*,?\s*(?:dass|ob))?"
        + @"|(?:sagt|schreibt|erwähnt)\s+der\s+(?:artikel|text|bericht)(?:\s*,?\s*(?:dass|ob))?";

    /// <summary>"Unrelated, but", "diff question:", "neue Frage:": the question that follows is a new one, and these words are no part of it.</summary>
    private const string TopicChange =
        @"(?:ok(?:ay)?\s+)?(?:totally\s+|completely\s+|ganz\s+)?"
        + @"(?:unrelated|off[\s\-]topic|(?:diff|different|new|another|other)\s+(?:q|question|topic|subject)|change\s+of\s+(?:topic|subject)"
        + @"|anderes\s+thema|andere\s+frage|neue\s+frage|themenwechsel|themawechsel|was\s+anderes)(?:\s+(?:but|aber))?";

    /// <summary>Words that are also ordinary words, so they count as noise only before a colon or comma.</summary>
    private const string LeadingWordBeforeColon = @"bot|question|frage|briefly|kurz(?:\s+bitte)?|no\s+sources|ohne\s+quellen";

    public static string Without(string text)
    {
        var lead = LeadingPhrasesPattern().Match(text);
        return lead.Success ? text[lead.Length..] : text;
    }

    /// <summary>Anchored at the start and never needs to give back what it matched, so it stays linear.</summary>
    [GeneratedRegex(
        @"^(?:(?:" + LeadingPhrase + @")(?![\w\-'’])" + Separators
        + @"|(?:" + LeadingWordBeforeColon + @")\s*[:,!.\-–—]+" + Separators + ")+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LeadingPhrasesPattern();
}
