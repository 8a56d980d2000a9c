using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Moq;
using StoryBot.ConsoleChat;
using StoryBot.Core.Conversation;
using StoryBot.Hosting;
using StoryBot.Testing;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Telemetry;

/// <summary><c>Logging:Format=json</c>: one JSON object per line on stderr, with the request's scopes.</summary>
public sealed class JsonLogFormatTests
{
    [Fact]
    public async Task EveryLineOnStderrIsOneJsonObjectAndStdoutKeepsItsContract()
    {
        var (exit, stdout, stderr) = await StoryBotProcess.RunAsync(
            "who is altman\n/funding\n",
            "ask", "--json", "--Logging:Format=json", "--Logging:LogLevel:Default=Debug", "--Answering:Mode=Lexical");

        Assert.Equal(0, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 5, stderr);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, entry.RootElement.ValueKind);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
        });
        Assert.Equal(2, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task ALogLineWrittenWhileARequestIsHandledCarriesItsScopes()
    {
        var failing = new Mock<IChatBot>();
        failing.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database is locked"));
        failing.Setup(b => b.CommandOf(It.IsAny<ChatRequest>())).Returns("sources");
        var written = new StringWriter();
        using var state = new StateFile();
        using var host = StoryBotApp.Build(
            RunMode.Parse(["ask", "--json", $"--Knowledge:Path={RepositoryFiles.Knowledge}", "--Answering:Mode=Lexical", "--Logging:Format=json", $"--Storage:ConnectionString=Data Source={state.Path}"]),
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton(failing.Object));
                services.AddSingleton<ILoggerProvider>(provider => new FormattedLogs(provider.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json), written));
            });
        await host.StartAsync();

        await host.Services.GetRequiredService<ConsoleConversation>().AskAsync("/sources audit", CancellationToken.None);
        await host.StopAsync();

        var failure = written.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(entry => entry.GetProperty("Category").GetString() == typeof(ConversationPipeline).FullName);
        var scopes = failure.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("RequestKind", out var kind) && kind.GetString() == "line" && s.GetProperty("Platform").GetString() == "console");
        Assert.Contains(scopes, s => s.TryGetProperty("Command", out var command) && command.GetString() == "sources" && s.GetProperty("ChannelKind").GetString() == "console");
        Assert.DoesNotContain("/sources audit", written.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Writes entries through the host's own console formatter into a writer, with the host's scopes.</summary>
    private sealed class FormattedLogs(ConsoleFormatter formatter, TextWriter writer) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(FormattedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                lock (owner)
                {
                    owner.WriteEntry(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
                }
            }
        }

        private void WriteEntry<TState>(in LogEntry<TState> entry) => formatter.Write(entry, _scopes, writer);
    }
}
