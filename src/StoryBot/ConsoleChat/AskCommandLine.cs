using StoryBot.Hosting;

namespace StoryBot.ConsoleChat;

/// <summary><c>ask "question"</c> and <c>ask --json</c>: answers without the interactive chat.</summary>
internal static class AskCommandLine
{
    public static async Task RunAsync(RunMode mode, ConsoleConversation conversation, ConsoleStreams streams, CancellationToken cancellationToken)
    {
        if (mode.Kind == RunKind.AskOnce)
        {
            var reply = await conversation.AskAsync(mode.Question ?? string.Empty, cancellationToken);
            await streams.Output.WriteAsync(ConsoleReplyRenderer.Render(reply));
            if (mode.Explain && reply.Explanation is { } explanation)
            {
                await streams.Output.WriteAsync(ConsoleReplyRenderer.Render(explanation));
            }

            await streams.Output.FlushAsync(cancellationToken);
            return;
        }

        while (await streams.Input.ReadLineAsync(cancellationToken) is { } line)
        {
            var reply = await conversation.AskAsync(line, cancellationToken);
            await streams.Output.WriteLineAsync(JsonReply.Serialize(line, reply, mode.Explain));
            await streams.Output.FlushAsync(cancellationToken);
        }
    }
}
