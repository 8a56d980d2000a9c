using System.Text.RegularExpressions;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;

namespace StoryBot.Core.Answering;

/// <summary>
/// The first line of an answer, shaped by what was asked: "who" leads with the name of whoever
/// said it, "how much" with the figure and who stands behind it, a yes/no question says that the story does
/// not answer yes or no in so many words, and a question that pins a claim on the wrong person
/// is corrected before the quote. Built only from the curated statement and its attribution,
/// never from guesswork: when nothing fits, there is no lead.
/// </summary>
internal static partial class AnswerLead
{
    public static LocalizedText? For(AnalyzedQuestion question, string cleaned, Passage best, KnowledgePack pack)
    {
        if (question.Request != StoryRequest.None)
        {
            return null;
        }

        if (WrongPerson(question, best, pack) is { } correction)
        {
            return correction;
        }

        return question.Intent switch
        {
            QuestionIntent.Person => Names(question, best, pack),
            QuestionIntent.Amount => Figure(best, pack),
            _ => IsYesNo(cleaned, question.Language) ? NotYesOrNo : null,
        };
    }

    private static readonly LocalizedText NotYesOrNo = new(
        "The story doesn't say yes or no in so many words. What it says:",
        "Ein klares Ja oder Nein steht nicht in der Geschichte. Was sie sagt:");

    /// <summary>
    /// "Why did Altman claim …" when the claim is Musk's: the person the question names first is
    /// not the one the statement attributes the words to, and that one is not named at all.
    /// </summary>
    private static LocalizedText? WrongPerson(AnalyzedQuestion question, Passage best, KnowledgePack pack)
    {
        if (best.Attribution?.By is not { } by || pack.FindEntity(by) is not { Kind: EntityKind.Person } speaker)
        {
            return null;
        }

        var named = question.Terms.SelectMany(t => t.Names).Distinct(StringComparer.Ordinal).ToList();
        var asked = named.Select(pack.FindEntity).FirstOrDefault(e => e?.Kind == EntityKind.Person);
        if (asked is null || asked.Id == by || named.Contains(by))
        {
            return null;
        }

        return new LocalizedText(
            $"According to the story it was {speaker.Name}, not {asked.Name}:",
            $"Laut der Geschichte war es {speaker.Name}, nicht {asked.Name}:");
    }

    /// <summary>
    /// Whose words answer "who": the person or organisation a claim, rebuttal or announcement is
    /// attributed to. Other statements name their people themselves; guessing which of them the
    /// question means ("who is bankrolling Stargate?" is not answered by OpenAI, which the
    /// statement is also about) could put a wrong name first.
    /// </summary>
    private static LocalizedText? Names(AnalyzedQuestion question, Passage best, KnowledgePack pack)
    {
        if (best.Attribution?.By is not { } by || pack.FindEntity(by) is not { Kind: EntityKind.Person or EntityKind.Organisation } speaker
            || question.Terms.Any(t => t.Names.Contains(by)))
        {
            return null;
        }

        return new LocalizedText(speaker.Name + ":", speaker.Name + ":");
    }

    /// <summary>The figure the statement gives, and who stands behind it.</summary>
    private static LocalizedText? Figure(Passage best, KnowledgePack pack)
    {
        var en = EnglishAmount().Match(best.Text.En);
        var de = GermanAmount().Match(best.Text.De);
        if (!en.Success || !de.Success)
        {
            return null;
        }

        var attribution = best.Attribution ?? new Attribution(AttributionKind.Reported, null);
        var by = attribution.By is null ? null : pack.FindEntity(attribution.By);
        return new LocalizedText(
            $"{Capital(en.Value)} ({Phrases.Attribution(attribution, by, Language.English)}):",
            $"{Capital(de.Value)} ({Phrases.Attribution(attribution, by, Language.German)}):");
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"Is …?", "Did …?", "Hat …?", "…, right?", "…, oder?": a question that wants a yes or a no.</summary>
    private static bool IsYesNo(string question, Language language) =>
        (language == Language.German ? GermanYesNo() : EnglishYesNo()).IsMatch(question);

    // "Was" opens an English yes/no question and a German "what" question: each language its own list.
    [GeneratedRegex(@"^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|isn't|aren't|doesn't|didn't|hasn't)\b|,\s*right\s*\??\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishYesNo();

    [GeneratedRegex(@"^(ist|sind|war|waren|hat|haben|hatte|hatten|gibt|gab|kann|können|konnte|wird|werden|wurde|stimmt|stimmt's)\b|,\s*(oder|stimmt's|nicht wahr|ne)\s*\??\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GermanYesNo();

    [GeneratedRegex(@"(?:(?:up to|well under|about|around|nearly|more than|less than|at least|some|an estimated)\s+)?\$\d+(?:[.,]\d+)?(?:\s?(?:billion|million|bn|m)\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishAmount();

    [GeneratedRegex(@"(?:(?:bis zu|deutlich weniger als|weniger als|rund|etwa|mehr als|mindestens|zunächst)\s+)?\d+(?:[.,]\d+)?\s?(?:Milliarden|Millionen|Mrd\.?|Mio\.?)(?:\s(?:US-Dollar|Dollar))?", RegexOptions.CultureInvariant)]
    private static partial Regex GermanAmount();
}
