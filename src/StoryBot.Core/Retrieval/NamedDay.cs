namespace StoryBot.Core.Retrieval;

/// <summary>
/// A weekday a question names ("what happened on Thursday", "am Mittwoch"): only excerpts the
/// timeline places on that day can answer it, and a day the story has nothing on is not answered
/// with another day's events.
/// </summary>
internal static class NamedDay
{
    private static readonly Dictionary<string, string> Weekdays = new(StringComparer.Ordinal)
    {
        ["monday"] = "monday", ["montag"] = "monday",
        ["tuesday"] = "tuesday", ["dienstag"] = "tuesday",
        ["wednesday"] = "wednesday", ["mittwoch"] = "wednesday",
        ["thursday"] = "thursday", ["donnerstag"] = "thursday",
        ["friday"] = "friday", ["freitag"] = "friday",
        ["saturday"] = "saturday", ["samstag"] = "saturday", ["sonnabend"] = "saturday",
        ["sunday"] = "sunday", ["sonntag"] = "sunday",
    };

    /// <summary>The English weekday the question names, or null.</summary>
    public static string? In(AnalyzedQuestion question) =>
        question.Surface.Select(word => Weekdays.GetValueOrDefault(word.TrimEnd('s'))).FirstOrDefault(day => day is not null);

    /// <summary>Whether the day is all the question is about: no other content word.</summary>
    public static bool AsksOnlyForTheDay(AnalyzedQuestion question) =>
        question.Terms.All(t => Weekdays.ContainsKey(t.Word.TrimEnd('s')));

    /// <summary>The excerpts the timeline's entries for <paramref name="day"/> cite; empty when the story has nothing on that day.</summary>
    public static HashSet<string> ExcerptsOn(string day, PassageIndex index) =>
        [.. index.Pack.Timeline
            .Where(entry => string.Equals(entry.Day.En.Trim(), day, StringComparison.OrdinalIgnoreCase))
            .SelectMany(entry => entry.Citations)];
}
