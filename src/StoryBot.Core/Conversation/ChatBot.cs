using System.Globalization;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Commands;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Routes a request to its command (free text goes to /ask), decides the reply language,
/// turns bad input into a polite message instead of an exception, and is the last gate for
/// every command's reply: a reply carrying a quote that is not verbatim in its source is not sent.
/// </summary>
internal sealed partial class ChatBot : IChatBot
{
    /// <summary>As metrics name a request with nothing in it, and one for a command that does not exist.</summary>
    private const string NoCommand = "none";
    private const string UnknownCommandName = "unknown";

    /// <summary>How much of a command's first word is read: longer than any command's name.</summary>
    private const int CommandPrefix = 64;

    private readonly ChatCommands _commands;
    private readonly IAnswerEngine _engine;
    private readonly IKnowledgeProvider _knowledge;
    private readonly ReplyCache _replies;
    private readonly ILogger<ChatBot> _logger;
    private readonly OtherStoryHint? _otherStories;

    public ChatBot(ChatCommands commands, IAnswerEngine engine, IKnowledgeProvider knowledge, ReplyCache replies, ILogger<ChatBot> logger, OtherStoryHint? otherStories = null)
    {
        _commands = commands;
        _engine = engine;
        _knowledge = knowledge;
        _replies = replies;
        _logger = logger;
        _otherStories = otherStories;
    }

    public async Task<Reply> RespondAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var fallback = request.PreferredLanguage ?? Language.English;
        var raw = request.Text ?? string.Empty;
        if (raw.Length > InputText.MaxLength * 4)
        {
            // Far too long to even clean: answer without reading it.
            return TooLong(request, raw.Length, fallback);
        }

        var text = InputText.Clean(raw);
        if (text.Length > InputText.MaxLength)
        {
            return TooLong(request, text.Length, _engine.DetectLanguage(text[..InputText.MaxLength], request.PreferredLanguage));
        }

        if (text.Length == 0)
        {
            return ReplyComposer.Message(text, fallback, ReplyKind.Help, _knowledge.Current.Story.Welcome.In(fallback));
        }

        var (name, argument) = Split(text);
        if (!_commands.TryGet(name, out var command))
        {
            var language = _engine.DetectLanguage(argument, request.PreferredLanguage);
            return UnknownCommand(request with { Text = text }, name, language);
        }

        var context = ContextFor(request with { Text = text }, command, argument, fallback);
        try
        {
            if (command is IRepeatableCommand)
            {
                var key = new ReplyKey(command.Name, request.Platform, context.Request.Text, context.Language, context.Request.PreferredLanguage);
                return await _replies.GetOrAddAsync(key, async () => Verified(await command.ExecuteAsync(context, cancellationToken), command.Name), cancellationToken);
            }

            var reply = Verified(await command.ExecuteAsync(context, cancellationToken), command.Name);
            return command is AskCommand && _otherStories is not null
                ? await _otherStories.AddToAsync(reply, reply.CleanedQuestion ?? context.Argument, context.Request.PreferredLanguage, cancellationToken)
                : reply;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCommandFailed(exception, command.Name, request.Platform);
            throw;
        }
    }

    /// <summary>The language the reply to <paramref name="request"/> would be in, worked out as <see cref="RespondAsync"/> does.</summary>
    public Language LanguageOf(ChatRequest request)
    {
        var fallback = request.PreferredLanguage ?? Language.English;
        var raw = request.Text ?? string.Empty;
        var text = InputText.Clean(raw.Length > InputText.MaxLength ? raw[..InputText.MaxLength] : raw);
        var (name, argument) = Split(text);
        if (_commands.TryGet(name, out var command) && ChoosesLanguage(command, argument, out var chosen))
        {
            return chosen;
        }

        return argument.Length == 0 ? fallback : _engine.DetectLanguage(argument, request.PreferredLanguage);
    }

    public string CommandOf(ChatRequest request)
    {
        // Read as RespondAsync reads it, without cleaning the whole text: what cleaning drops at the
        // start is skipped, free text is a question, and only a command's first word is cleaned.
        var raw = (request.Text ?? string.Empty).AsSpan();
        var start = 0;
        while (start < raw.Length && DroppedAtStart(raw[start]))
        {
            start++;
        }

        if (start == raw.Length)
        {
            return NoCommand;
        }

        if (raw[start] != '/')
        {
            return AskCommand.CommandName;
        }

        var end = start;
        while (end < raw.Length && end - start < CommandPrefix && !char.IsWhiteSpace(raw[end]))
        {
            end++;
        }

        return _commands.TryGet(Split(InputText.Clean(raw[start..end].ToString())).Name, out var command) ? command.Name : UnknownCommandName;
    }

    /// <summary>White space, control and format characters (but the joiner inside emoji), which <see cref="InputText.Clean"/> drops before the first word.</summary>
    private static bool DroppedAtStart(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c != '\u200D');

    /// <summary>
    /// Checks every quote of the reply against the source as loaded, whichever command built it:
    /// the story commands, /ask, and the commands features add.
    /// </summary>
    private Reply Verified(Reply reply, string command)
    {
        var unverified = QuoteVerifier.Unverified(reply, _knowledge.Current);
        if (unverified.Count == 0)
        {
            return reply;
        }

        LogUnverified(command, string.Join(", ", unverified));
        return ReplyComposer.Message(reply.Question, reply.Language, ReplyKind.Error, Phrases.Unverified.In(reply.Language));
    }

    private static (string Name, string Argument) Split(string text)
    {
        if (!text.StartsWith('/'))
        {
            return (AskCommand.CommandName, text);
        }

        var space = text.IndexOfAny([' ', '\n']);
        return space < 0
            ? (text[1..].ToLowerInvariant(), string.Empty)
            : (text[1..space].ToLowerInvariant(), text[(space + 1)..].Trim());
    }

    /// <summary>
    /// A bare language word after a command picks the language ("/funding de"); otherwise the
    /// argument's own language decides, then the user's locale.
    /// </summary>
    private CommandContext ContextFor(ChatRequest request, IChatCommand command, string argument, Language fallback)
    {
        if (ChoosesLanguage(command, argument, out var chosen))
        {
            return new CommandContext(request with { PreferredLanguage = chosen }, string.Empty, chosen);
        }

        var language = argument.Length == 0 || command.ReadsItsOwnLanguage ? fallback : _engine.DetectLanguage(argument, request.PreferredLanguage);
        return new CommandContext(request, argument, language);
    }

    /// <summary>Whether the argument is only a language word ("/funding de"); a question of one word ("/ask deutsch") is still a question.</summary>
    private static bool ChoosesLanguage(IChatCommand command, string argument, out Language chosen)
    {
        chosen = default;
        return command.Name != AskCommand.CommandName && LanguageCodes.TryParse(argument, out chosen);
    }

    private static Reply TooLong(ChatRequest request, int length, Language language)
    {
        var culture = CultureInfo.GetCultureInfo(language.Code());
        var message = string.Format(culture, Phrases.TooLong.In(language), length, InputText.MaxLength);
        return ReplyComposer.Message(string.Empty, language, ReplyKind.Error, message) with { Question = request.Text.Length > 200 ? request.Text[..200] : request.Text };
    }

    private Reply UnknownCommand(ChatRequest request, string name, Language language)
    {
        var known = string.Join(", ", _commands.Names.Select(k => "/" + k));
        var parts = Phrases.UnknownCommand.In(language).Split("{0}");
        return new Reply
        {
            Question = request.Text,
            Language = language,
            Kind = ReplyKind.Error,
            Body =
            [
                TextRun.Plain(parts[0]),
                TextRun.User(name.Length <= 40 ? name : name[..40] + "…"),
                TextRun.Plain(parts[1].Replace("{1}", known, StringComparison.Ordinal)),
            ],
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused to send the reply of /{Command}: quotes {ExcerptIds} do not match their source text")]
    private partial void LogUnverified(string command, string excerptIds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Command /{Command} failed on {Platform}")]
    private partial void LogCommandFailed(Exception exception, string command, string platform);
}
