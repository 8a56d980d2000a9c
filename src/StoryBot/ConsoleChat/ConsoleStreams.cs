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
    private SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>Writes a whole block at once, so the chat and unprompted posts never interleave.</summary>
    public async Task WriteAsync(TextWriter writer, string text, CancellationToken cancellationToken)
    {
        await WriteLock.WaitAsync(cancellationToken);
        try
        {
            await writer.WriteAsync(text);
            await writer.FlushAsync(cancellationToken);
        }
        finally
        {
            WriteLock.Release();
        }
    }

    public static ConsoleStreams Process(bool interactive) => new(Console.In, Console.Out, interactive ? Console.Out : Console.Error);
}
