using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StoryBot.Testing.Slack;

/// <summary>Keeps every log line so tests can check what an operator would read.</summary>
/// <param name="minimum">Lowest level kept; Trace also keeps the HTTP client's header logging.</param>
public sealed class LogCapture(LogLevel minimum = LogLevel.Debug) : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _lines = new();
    private readonly LogLevel _minimum = minimum;

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception) + (exception is null ? string.Empty : " " + exception);
            owner._lines.Enqueue((logLevel, category, message));
        }
    }
}
