namespace StoryBot.Discord.Commands;

/// <summary>The commands StoryBot registers on Discord; each maps to its text form for the chat bot.</summary>
internal static class DiscordCommands
{
    public const string WhoIs = "who-is";
    public const string Ask = "ask";
    public const string Sources = "sources";
    public const string Help = "help";
    public const string Report = "report";

    /// <summary>The message context-menu command readers use to report an answer.</summary>
    public const string ReportAnswer = "Report answer";

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        new(WhoIs, "Who is someone in the story? Role and cited passages.", [
            new CommandOption(CommandOption.String, "name", "A person, company, project or place") { Required = true, Autocomplete = true, MaxLength = 100 },
        ]),
        new(Ask, "Ask a question about the story; answered with cited quotes.", [
            new CommandOption(CommandOption.String, "question", "Your question, in English or German") { Required = true, MaxLength = 1000 },
        ]),
        new("funding", "The money in the story, and who says so."),
        new("dispute", "Musk versus Altman: both sides, each quote attributed."),
        new("timeline", "What happened on which day."),
        new("summary", "The story in a few lines."),
        new(Help, "What StoryBot can do."),
        new(Sources, "Moderators: decide which sources and excerpts may be cited.", [
            SubCommand("list", "Sources and excerpts with their ids and status"),
            SubCommand("disable", "Stop citing a source or an excerpt", Text("id", "Source or excerpt id"), Text("reason", "Why, for the audit trail")),
            SubCommand("enable", "Cite a source or an excerpt again", Text("id", "Source or excerpt id")),
            SubCommand("reports", "Open reports from readers"),
            SubCommand("resolve", "Close a report", Text("report", "Report id"), Text("action", "What to do with it") with
            {
                Choices = [new CommandChoice("dismiss", "dismiss"), new CommandChoice("disable", "disable")],
            }),
            SubCommand("audit", "The latest moderator actions and corrections"),
            SubCommand("unanswered", "Questions people asked that the story does not answer, most asked first"),
        ]),
        new(ReportAnswer, string.Empty) { Type = 3 },
    ];

    private static CommandOption SubCommand(string name, string description, params CommandOption[] options) =>
        new(CommandOption.SubCommand, name, description) { Options = options.Length == 0 ? null : options };

    private static CommandOption Text(string name, string description) =>
        new(CommandOption.String, name, description) { Required = true, MaxLength = 500 };
}
