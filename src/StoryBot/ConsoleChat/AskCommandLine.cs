using StoryBot.Hosting;

namespace StoryBot.ConsoleChat;

/// <summary><c>ask "question"</c> and <c>ask --json</c>: answers without the interactive chat.</summary>
internal static class AskCommandLine
{
    private const int RecordsInFlight = 256;

    public static async Task RunAsync(RunMode mode, ConsoleConversation conversation, ConsoleStreams streams, CancellationToken cancellationToken)
    {
        if (mode.Kind == RunKind.AskOnce)
        {
            var reply = await conversation.AskAsync(mode.Question ?? string.Empty, cancellationToken, mode.Record);
            await streams.Output.WriteAsync(ConsoleReplyRenderer.Render(reply));
            if (mode.Explain && reply.Explanation is { } explanation)
            {
                await streams.Output.WriteAsync(ConsoleReplyRenderer.Render(explanation));
            }

            await streams.Output.FlushAsync(cancellationToken);
            return;
        }

        // Records are awaited in groups, not one by one: they share commits, and every one is
        // durable before the batch ends.
        var recording = new List<Task>(RecordsInFlight);
        while (await streams.Input.ReadLineAsync(cancellationToken) is { } line)
        {
            var (reply, recorded) = await conversation.AnswerAsync(line, cancellationToken, mode.Record);
            recording.Add(recorded);
            await streams.Output.WriteLineAsync(JsonReply.Serialize(line, reply, mode.Explain));
            await streams.Output.FlushAsync(cancellationToken);
            if (recording.Count == RecordsInFlight)
            {
                await Task.WhenAll(recording);
                await conversation.WrittenAsync(cancellationToken);
                recording.Clear();
            }
        }

        await Task.WhenAll(recording);
        await conversation.WrittenAsync(cancellationToken);
    }
}
