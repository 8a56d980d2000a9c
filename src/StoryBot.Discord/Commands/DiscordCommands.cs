using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Discord.Commands;

/// <summary>
/// The commands StoryBot registers on Discord, each with its German name and description beside
/// the English one; each maps to its text form for the chat bot. Discord sends the English names
/// in every interaction, whatever the client shows, so only this file knows the German ones of the
/// bot's own commands; a story's topic commands bring theirs from its story.yaml.
/// </summary>
internal static class DiscordCommands
{
    public const string WhoIs = "who-is";
    public const string Ask = "ask";
    public const string Sources = "sources";
    public const string Moderate = ModeratorCommand.Name;
    public const string Help = "help";
    public const string Report = "report";

    /// <summary>The message context-menu command readers use to report an answer.</summary>
    public const string ReportAnswer = "Report answer";

    /// <summary>The message context-menu command that asks about the message it is used on.</summary>
    public const string AskAboutMessage = "Ask StoryBot about this message";

    /// <summary>Discord's locale for German.</summary>
    public const string German = "de";

    /// <summary>The bot's own commands, whatever the story: <see cref="For"/> adds the story's topic commands to them.</summary>
    public static IReadOnlyList<ApplicationCommand> BuiltIn { get; } =
    [
        Slash(WhoIs, "Who is someone in the story? Role and cited passages.", new("wer-ist", "Wer ist wer in der Geschichte? Rolle und zitierte Stellen."),
            new CommandOption(CommandOption.String, "name", "A person, company, project or place") { Required = true, Autocomplete = true, MaxLength = 100 }
                .InGerman(new("name", "Eine Person, eine Firma, ein Projekt oder ein Ort"))),
        Slash(Ask, "Ask a question about the story; answered with cited quotes.", new("frage", "Eine Frage zur Geschichte, beantwortet mit belegten Zitaten."),
            new CommandOption(CommandOption.String, "question", "Your question, in English or German") { Required = true, MaxLength = 1000 }
                .InGerman(new("frage", "Deine Frage, auf Deutsch oder Englisch"))),
        Slash("timeline", "What happened on which day.", new("zeitleiste", "Was an welchem Tag geschah.")),
        Slash("summary", "The story in a few lines.", new("zusammenfassung", "Die Geschichte in wenigen Zeilen.")),
        Slash("whats-new", "What is new in the story since this channel's last summary.", new("neues", "Was seit der letzten Zusammenfassung dieses Kanals neu ist.")),
        Slash(Help, "What StoryBot can do.", new("hilfe", "Was StoryBot kann.")),
        Slash(Sources, "The sources StoryBot quotes, and which are withdrawn.", new("quellen", "Die Quellen, die StoryBot zitiert, und welche gesperrt sind.")),
        Slash(Moderate, "Moderators: decide which sources and excerpts may be cited.", new("moderieren", "Moderation: welche Quellen und Auszüge zitiert werden dürfen."),
            SubCommand("list", "Sources and excerpts with their ids and status", new("liste", "Quellen und Auszüge mit ihren Ids und ihrem Status")),
            SubCommand("disable", "Stop citing a source or an excerpt", new("sperren", "Eine Quelle oder einen Auszug nicht mehr zitieren"),
                Text("id", "Source or excerpt id", new("id", "Id der Quelle oder des Auszugs")),
                Text("reason", "Why, for the audit trail", new("grund", "Warum, für das Protokoll"))),
            SubCommand("enable", "Cite a source or an excerpt again", new("freigeben", "Eine Quelle oder einen Auszug wieder zitieren"),
                Text("id", "Source or excerpt id", new("id", "Id der Quelle oder des Auszugs"))),
            SubCommand("reports", "Open reports from readers", new("meldungen", "Offene Meldungen von Lesern")),
            SubCommand("resolve", "Close a report", new("erledigen", "Eine Meldung abschließen"),
                Text("report", "Report id", new("meldung", "Id der Meldung")),
                Text("action", "What to do with it", new("aktion", "Was damit geschehen soll")) with
                {
                    Choices =
                    [
                        new CommandChoice("dismiss", "dismiss") { NameLocalizations = InGerman("verwerfen") },
                        new CommandChoice("disable", "disable") { NameLocalizations = InGerman("sperren") },
                    ],
                }),
            SubCommand("audit", "The latest moderator actions and corrections", new("protokoll", "Die letzten Moderationsschritte und Korrekturen")),
            SubCommand("unanswered", "Questions people asked that the story does not answer, most asked first", new("unbeantwortet", "Fragen, die die Geschichte nicht beantwortet, die häufigsten zuerst")),
            SubCommand("story", "Which story this channel is answered from, or answer it from another", new("geschichte", "Aus welcher Geschichte dieser Kanal beantwortet wird, oder eine andere wählen"),
                Text("story", "Story id, or default for the configured one", new("geschichte", "Id der Geschichte, oder default für die konfigurierte")) with { Required = false })),
        new(ReportAnswer, string.Empty) { Type = 3, NameLocalizations = InGerman("Antwort melden") },
        new(AskAboutMessage, string.Empty) { Type = 3, NameLocalizations = InGerman("StoryBot zur Nachricht fragen") },
    ];

    /// <summary>The commands for <paramref name="story"/>: the bot's own, with the story's topic commands after /ask.</summary>
    public static IReadOnlyList<ApplicationCommand> For(StoryProfile story)
    {
        var topics = story.Topics
            .Select(topic => topic.Command)
            .OfType<TopicCommandTexts>()
            .Select(command => new ApplicationCommand(command.CommandName, command.Description.In(Language.English), null)
            {
                // Every language the pack gives, not only German: a pack may add one without a code change.
                NameLocalizations = DiscordLocales.Of(command.Name),
                DescriptionLocalizations = DiscordLocales.Of(command.Description),
            });
        var afterAsk = BuiltIn.ToList().FindIndex(command => command.Name == Ask) + 1;
        return [.. BuiltIn.Take(afterAsk), .. topics, .. BuiltIn.Skip(afterAsk)];
    }

    /// <summary>
    /// The commands as registered: the moderator command is shown only to members with
    /// <paramref name="moderatorPermissions"/> (Discord sets permissions per top-level command,
    /// which is why the public source list is a command of its own), and every use is still checked.
    /// </summary>
    public static IReadOnlyList<ApplicationCommand> Registered(StoryProfile story, string moderatorPermissions) =>
        [.. For(story).Select(command => command.Name == Moderate ? command with { DefaultMemberPermissions = moderatorPermissions } : command)];

    private static ApplicationCommand Slash(string name, string description, GermanText german, params CommandOption[] options) =>
        new(name, description, options.Length == 0 ? null : options)
        {
            NameLocalizations = InGerman(german.Name),
            DescriptionLocalizations = InGerman(german.Description),
        };

    private static CommandOption SubCommand(string name, string description, GermanText german, params CommandOption[] options) =>
        new CommandOption(CommandOption.SubCommand, name, description) { Options = options.Length == 0 ? null : options }.InGerman(german);

    private static CommandOption Text(string name, string description, GermanText german) =>
        new CommandOption(CommandOption.String, name, description) { Required = true, MaxLength = 500 }.InGerman(german);

    private static CommandOption InGerman(this CommandOption option, GermanText german) =>
        option with { NameLocalizations = InGerman(german.Name), DescriptionLocalizations = InGerman(german.Description) };

    private static Dictionary<string, string> InGerman(string text) => new() { [German] = text };

    private readonly record struct GermanText(string Name, string Description);
}
