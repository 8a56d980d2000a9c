using Microsoft.Extensions.Hosting;
using StoryBot.Core.Knowledge;

namespace StoryBot.ConsoleChat;

/// <summary>The interactive chat in the terminal, the bot's embedded default when no platform is configured.</summary>
internal sealed class ConsoleChatService(
    ConsoleConversation conversation,
    ConsoleStreams streams,
    IKnowledgeProvider knowledge,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    // The console has no user locale to go by, so it greets in English, as it always has.
    private string Banner =>
        $"StoryBot: {knowledge.Current.Story.Greeting.In(Language.English)} Type /help for commands; Ctrl+D quits.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and log that it did) before the first prompt.
        await Task.Yield();
        await WriteAsync(Banner + Environment.NewLine, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await WriteAsync("> ", stoppingToken);
            var line = await streams.Input.ReadLineAsync(stoppingToken);
            if (line is null)
            {
                break;
            }

            if (line.Trim() is "/quit" or "/exit")
            {
                break;
            }

            var reply = await conversation.AskAsync(line, stoppingToken, conversation: ConsoleConversation.Conversation);
            await WriteAsync(ConsoleReplyRenderer.Render(reply) + Environment.NewLine, stoppingToken);
        }

        lifetime.StopApplication();
    }

    private Task WriteAsync(string text, CancellationToken cancellationToken) =>
        streams.WriteAsync(streams.Output, text, cancellationToken);
}
