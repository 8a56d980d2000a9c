using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.ConsoleChat;

/// <summary>
/// One exchange at the console: the local operator asks, the bot answers, and the answer is
/// recorded like any posted answer so it can be reported or corrected later.
/// </summary>
internal sealed class ConsoleConversation(IChatBot bot, IEnumerable<IAnswerRecorder> recorders, ConsoleMessageIds ids)
{
    public const string Platform = "console";
    public const string Channel = "console";

    public async Task<Reply> AskAsync(string line, CancellationToken cancellationToken)
    {
        // The person at the console runs the bot, so they hold the moderator's rights.
        var request = new ChatRequest(Platform, Channel, Environment.UserName, line) { IsModerator = true };
        var reply = await bot.RespondAsync(request, cancellationToken);
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
