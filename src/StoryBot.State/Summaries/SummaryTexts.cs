using System.Globalization;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Summaries;

/// <summary>The fixed wording of a summary in each language the bot speaks.</summary>
internal sealed record SummaryTexts(
    string Title,
    string WhatHappened,
    string SinceLast,
    string PackUpdated,
    string NewHere,
    Func<int, string, string> Withdrawn,
    string NothingToSay,
    Func<string, string> Reported,
    Func<string, string> Claimed,
    Func<string, string> Rebutted,
    Func<string, string> Estimated,
    Func<string, string> Announced,
    string WhatsNew,
    Func<string, string> NewReporting,
    Func<string?, string> NoNewReporting,
    string LatestReporting,
    Func<string, string> Quoted,
    CultureInfo Culture,
    string DateFormat)
{
    public static SummaryTexts For(Language language) => language == Language.German ? German : English;

    /// <summary>How a source is named in a line: its title, its outlet and, when known, the day it was published.</summary>
    public string Source(SourceDocument source) =>
        source.Published is { } published
            ? $"{Quoted(source.Title)} ({source.Outlet}, {Date(published)})"
            : $"{Quoted(source.Title)} ({source.Outlet})";

    public string Date(DateTimeOffset moment) => moment.UtcDateTime.ToString(DateFormat, Culture);

    private static readonly SummaryTexts English = new(
        Title: "Story summary",
        WhatHappened: "What happened:",
        SinceLast: "Since the last summary:",
        PackUpdated: "The curated story notes were updated.",
        NewHere: "Newly cited:",
        Withdrawn: (count, ids) => count == 1
            ? $"Withdrawn: 1 quote cited last time is no longer cited ({ids})."
            : $"Withdrawn: {count} quotes cited last time are no longer cited ({ids}).",
        NothingToSay: "No summary right now: every excerpt it would quote is currently withdrawn.",
        Reported: who => $"reported by {who}",
        Claimed: who => $"according to {who}",
        Rebutted: who => $"{who}'s rebuttal",
        Estimated: who => $"estimate reported by {who}",
        Announced: who => $"announced by {who}",
        WhatsNew: "What's new",
        NewReporting: source => $"New reporting: {source}",
        NoNewReporting: date => date is null ? "No new reporting since the last summary." : $"No new reporting since {date}.",
        LatestReporting: "Latest reporting:",
        Quoted: title => $"\"{title}\"",
        Culture: CultureInfo.GetCultureInfo("en"),
        DateFormat: "MMMM d, yyyy");

    private static readonly SummaryTexts German = new(
        Title: "Zusammenfassung der Geschichte",
        WhatHappened: "Was geschah:",
        SinceLast: "Seit der letzten Zusammenfassung:",
        PackUpdated: "Die kuratierten Notizen zur Geschichte wurden aktualisiert.",
        NewHere: "Neu zitiert:",
        Withdrawn: (count, ids) => count == 1
            ? $"Zurückgezogen: 1 zuletzt zitierte Textstelle wird nicht mehr zitiert ({ids})."
            : $"Zurückgezogen: {count} zuletzt zitierte Textstellen werden nicht mehr zitiert ({ids}).",
        NothingToSay: "Zurzeit keine Zusammenfassung: Alle Textstellen, die sie zitieren würde, sind zurückgezogen.",
        Reported: who => $"laut {who}",
        Claimed: who => $"laut {who}",
        Rebutted: who => $"{who} widerspricht",
        Estimated: who => $"Schätzung laut {who}",
        Announced: who => $"angekündigt von {who}",
        WhatsNew: "Was ist neu",
        NewReporting: source => $"Neue Berichterstattung: {source}",
        NoNewReporting: date => date is null ? "Keine neue Berichterstattung seit der letzten Zusammenfassung." : $"Keine neue Berichterstattung seit dem {date}.",
        LatestReporting: "Neueste Berichterstattung:",
        Quoted: title => $"„{title}“",
        Culture: CultureInfo.GetCultureInfo("de"),
        DateFormat: "d. MMMM yyyy");
}
