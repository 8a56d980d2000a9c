using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.ConsoleChat;

/// <summary>
/// One exchange at the console: the local operator asks, the bot answers, and the answer is
/// recorded like any posted answer so it can be reported or corrected later. A command that fails
/// gets a plain error reply (the reason goes to the log), so the chat and <c>ask --json</c> carry on.
/// </summary>
internal sealed partial class ConsoleConversation(IChatBot bot, IEnumerable<IAnswerRecorder> recorders, ConsoleMessageIds ids, ILogger<ConsoleConversation> logger)
{
    public const string Platform = "console";
    public const string Channel = "console";

    public async Task<Reply> AskAsync(string line, CancellationToken cancellationToken)
    {
        // The person at the console runs the bot, so they hold the moderator's rights.
        var request = new ChatRequest(Platform, Channel, Environment.UserName, line) { IsModerator = true, ChannelKind = ChannelKind.Console };
        Reply reply;
        try
        {
            reply = await bot.RespondAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The operator gets a plain error line instead of a stack trace that ends the chat.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogAnswerFailed(exception);
            return Failure(line);
        }

        if (reply.Kind == ReplyKind.Answer)
        {
            var message = new PostedMessage(Platform, Channel, ids.Next());
            foreach (var recorder in recorders)
            {
                await recorder.RecordAsync(message, request, reply, cancellationToken);
            }
        }

        return reply;
    }

    private static Reply Failure(string question) => new()
    {
        Question = question,
        Language = Language.English,
        Kind = ReplyKind.Error,
        Body = [TextRun.Plain("Sorry, something went wrong while answering that; the reason is in the log.")],
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a console request failed")]
    private partial void LogAnswerFailed(Exception exception);
}

/// <summary>Ids for console "messages", unique across restarts so reports never hit an older answer.</summary>
internal sealed class ConsoleMessageIds(TimeProvider time)
{
    private long _last;

    public string Next()
    {
        var candidate = time.GetUtcNow().ToUnixTimeMilliseconds();
        long current, next;
        do
        {
            current = Interlocked.Read(ref _last);
            next = Math.Max(candidate, current + 1);
        }
        while (Interlocked.CompareExchange(ref _last, next, current) != current);

        return next.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
