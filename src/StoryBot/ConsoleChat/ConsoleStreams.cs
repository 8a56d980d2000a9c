namespace StoryBot.ConsoleChat;

/// <summary>Where the console chat reads and writes; the process's own streams unless a test swaps them.</summary>
internal sealed class ConsoleStreams(TextReader input, TextWriter output)
{
    public TextReader Input { get; } = input;

    public TextWriter Output { get; } = output;

    /// <summary>Serialises writers: the chat and the scheduled summaries share the terminal.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public static ConsoleStreams Process() => new(Console.In, Console.Out);
}
