using System.Globalization;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>
/// Everything the bot says in its own words, in English and German, that holds for any story. What
/// names the story (help's opening, the welcome, topic names and headings) is the pack's
/// <see cref="StoryProfile"/>.
/// </summary>
internal static class Phrases
{
    public static readonly LocalizedText NotAnswered = new(
        "The story doesn't answer that.",
        "Dazu sagt die Geschichte nichts.");

    public static readonly LocalizedText PartNotAnswered = new(
        "The story doesn't say: ",
        "Dazu sagt die Geschichte nichts: ");

    public static readonly LocalizedText NothingAsked = new(
        "I couldn't find a question in that.",
        "Darin habe ich keine Frage gefunden.");

    public static readonly LocalizedText YouAsked = new("You asked: ", "Ihre Frage: ");

    public static readonly LocalizedText ItCovers = new("It covers: ", "Sie handelt von: ");

    public static readonly LocalizedText TryCommands = new(
        "Try /summary, /funding, /dispute, /timeline or /who-is <name>, or ask about one of these.",
        "Probieren Sie /summary, /funding, /dispute, /timeline oder /who-is <Name>, oder fragen Sie nach einem dieser Themen.");

    public static readonly LocalizedText Withdrawn = new(
        "The passages that would answer this have been withdrawn by the moderators.",
        "Die Stellen, die das beantworten würden, wurden von den Moderatoren zurückgezogen.");

    public static readonly LocalizedText Unverified = new(
        "I could not verify the quotes for this answer against the article, so I won't send it. The moderators have been told in the logs.",
        "Ich konnte die Zitate für diese Antwort nicht am Artikel überprüfen und sende sie deshalb nicht. Die Moderatoren sehen es im Protokoll.");

    public static readonly LocalizedText TooLong = new(
        "That is too long for me ({0:N0} characters). Please keep a question under {1:N0} characters.",
        "Das ist mir zu lang ({0:N0} Zeichen). Bitte halten Sie eine Frage unter {1:N0} Zeichen.");

    public static readonly LocalizedText UnknownCommand = new(
        "I don't know the command /{0}. These work: {1}.",
        "Den Befehl /{0} kenne ich nicht. Diese gibt es: {1}.");

    public static readonly LocalizedText Cooldown = new(
        "You are asking faster than I can answer. Please wait a few seconds and ask again.",
        "Sie fragen schneller, als ich antworten kann. Bitte warten Sie ein paar Sekunden und fragen Sie dann noch einmal.");

    public static readonly LocalizedText Failure = new(
        "Sorry, something went wrong while answering that. Please try again in a moment.",
        "Entschuldigung, beim Beantworten ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.");

    /// <summary>{0} is the story's example name (<see cref="StoryProfile.WhoIsExample"/>).</summary>
    public static readonly LocalizedText WhoIsNeedsName = new(
        "Whom should I look up? For example: /who-is {0}. The story names: ",
        "Wen soll ich nachschlagen? Zum Beispiel: /who-is {0}. Die Geschichte nennt: ");

    public static readonly LocalizedText NotNamed = new(
        "The story doesn't name anyone or anything called ",
        "Die Geschichte nennt niemanden und nichts namens ");

    public static readonly LocalizedText ItNames = new("It names: ", "Sie nennt: ");

    public static readonly LocalizedText TimelineHeading = new("What happened when", "Was wann geschah");
    public static readonly LocalizedText SummaryHeading = new("The story in brief", "Die Geschichte in Kürze");
    public static readonly LocalizedText SourcesHeading = new("Sources", "Quellen");

    public static readonly LocalizedText SourceLine = new(
        "{0} ({1}, {2}): {3} paragraphs, {4} excerpts. Id: {5}",
        "{0} ({1}, {2}): {3} Absätze, {4} Auszüge. Id: {5}");

    public static readonly LocalizedText FlagNote = new("Note: ", "Hinweis: ");

    /// <summary>
    /// The commands, listed in /help after the story's own opening line (<see cref="StoryProfile.Help"/>): these
    /// first, then the story's topic commands (<see cref="TopicCommandTexts.Help"/>), then <see cref="HelpAfterTopics"/>.
    /// </summary>
    public static readonly LocalizedText HelpBeforeTopics = new(
        """
        /ask <question>: ask anything (or just type your question)
        /who-is <name>: who someone or something in the story is
        """,
        """
        /ask <Frage>: eine beliebige Frage (oder tippen Sie sie einfach)
        /who-is <Name>: wer oder was jemand in der Geschichte ist
        """);

    public static readonly LocalizedText HelpAfterTopics = new(
        """
        /timeline: what happened on which day
        /summary: the story in brief
        /whats-new: what is new since this channel's last summary
        /sources: the sources I quote
        /report [reason]: tell the moderators an answer looks wrong
        /help: this message
        Ask in English or German; I answer in the language you ask in.
        """,
        """
        /timeline: was an welchem Tag geschah
        /summary: die Geschichte in Kürze
        /whats-new: was seit der letzten Zusammenfassung dieses Kanals neu ist
        /sources: die Quellen, die ich zitiere
        /report [Grund]: den Moderatoren eine falsch wirkende Antwort melden
        /help: diese Nachricht
        Fragen Sie auf Deutsch oder Englisch; ich antworte in Ihrer Sprache.
        """);

    /// <summary>The line /help adds for moderators.</summary>
    public static readonly LocalizedText ModeratorHelp = new(
        $"{Conversation.ModeratorCommand.Line} list | disable <id> <reason> | enable <id> | reports | resolve <report> <dismiss|disable> | audit | unanswered [n] | story [<id>|default]: your moderation tools",
        $"{Conversation.ModeratorCommand.Line} list | disable <id> <grund> | enable <id> | reports | resolve <meldung> <dismiss|disable> | audit | unanswered [n] | story [<id>|default]: Ihre Moderationswerkzeuge");

    /// <summary>"An earlier report (title, date) said: …", naming the source in the reply's language.</summary>
    public static string EarlierReport(EarlierReport earlier, Language language)
    {
        var source = earlier.Source;
        var title = language == Language.English ? source.TitleEn ?? source.Title : source.Title;
        var said = earlier.Point.Statement.In(language);
        if (source.Published is not { } published)
        {
            return language == Language.German ? $"Ein früherer Bericht ({title}) sagte: {said}" : $"An earlier report ({title}) said: {said}";
        }

        var culture = CultureInfo.GetCultureInfo(language.Code());
        return language == Language.German
            ? $"Ein früherer Bericht ({title}, {published.ToString("d. MMMM yyyy", culture)}) sagte: {said}"
            : $"An earlier report ({title}, {published.ToString("d MMMM yyyy", culture)}) said: {said}";
    }

    public static string Attribution(Attribution attribution, Entity? by, Language language)
    {
        var de = language == Language.German;
        if (by is null)
        {
            return attribution.Kind switch
            {
                AttributionKind.Estimated => de ? "Schätzung laut Artikel" : "estimate reported by the article",
                AttributionKind.Announced => de ? "Ankündigung laut Artikel" : "announcement reported by the article",
                _ => de ? "laut Artikel" : "reported by the article",
            };
        }

        var name = by.Name;
        return attribution.Kind switch
        {
            AttributionKind.Claimed => de ? $"Behauptung von {name}" : $"claimed by {name}",
            AttributionKind.Rebutted => de ? $"Erwiderung von {name}" : $"rebuttal by {name}",
            AttributionKind.Estimated => de ? $"Schätzung von {name}" : $"estimated by {name}",
            AttributionKind.Announced => de ? $"angekündigt von {name}" : $"announced by {name}",
            _ => de ? $"laut {name}" : $"according to {name}",
        };
    }
}
