namespace StoryBot.ConsoleChat;

/// <summary>Where the console chat reads and writes; the process's own streams unless a test swaps them.</summary>
internal sealed class ConsoleStreams(TextReader input, TextWriter output, TextWriter posts)
{
    public TextReader Input { get; } = input;

    /// <summary>Answers to what was asked.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>
    /// Posts nobody asked for (summaries, corrections): the chat in interactive use, stderr in the
    /// one-shot modes, whose stdout belongs to the answers alone.
    /// </summary>
    public TextWriter Posts { get; } = posts;

    /// <summary>Serialises writers: the chat and the scheduled summaries share the terminal.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public static ConsoleStreams Process(bool interactive) => new(Console.In, Console.Out, interactive ? Console.Out : Console.Error);
}
