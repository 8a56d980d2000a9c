using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using StoryBot.ConsoleChat;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Hosting;
using StoryBot.Testing.Telemetry;

namespace StoryBot.Tests.ConsoleChat;

public sealed class ConsoleConversationTests
{
    private static readonly TestMeterFactory Meters = new();

    [Fact]
    public async Task AFailingCommandGetsAnErrorLineAndAskJsonAnswersTheNextLine()
    {
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "/sources audit"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("database is locked"));
        bot.Setup(b => b.RespondAsync(It.Is<ChatRequest>(r => r.Text == "who is altman"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Reply { Question = "who is altman", Language = Language.English, Kind = ReplyKind.Abstention, Body = [TextRun.Plain("no")] });
        var conversation = new ConsoleConversation(
            new ConversationPipeline(bot.Object, new UserCooldown(Options.Create(new CooldownOptions()), TimeProvider.System), [], Meters.Telemetry(), TimeProvider.System, NullLogger<ConversationPipeline>.Instance),
            new PendingWrites(),
            new ConsoleMessageIds(TimeProvider.System),
            Meters.Telemetry(),
            TimeProvider.System,
            NullLogger<ConsoleConversation>.Instance);
        var output = new StringWriter();
        var streams = new ConsoleStreams(new StringReader("/sources audit\nwho is altman\n"), output, TextWriter.Null);

        await AskCommandLine.RunAsync(new RunMode(RunKind.AskJson, null, []), conversation, streams, CancellationToken.None);

        var replies = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, replies.Count);
        Assert.StartsWith("Sorry, something went wrong", replies[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("database is locked", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("who is altman", replies[1].GetProperty("question").GetString());
    }

    [Fact]
    public async Task AskJsonWithNoRecordAnswersButRecordsNothingAndMarksTheRequestsUnrecorded()
    {
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Reply { Question = "who is altman", Language = Language.English, Kind = ReplyKind.Answer, Body = [TextRun.Plain("yes")] });
        var recorder = new Mock<IAnswerRecorder>();
        var conversation = new ConsoleConversation(
            new ConversationPipeline(bot.Object, new UserCooldown(Options.Create(new CooldownOptions()), TimeProvider.System), [recorder.Object], Meters.Telemetry(), TimeProvider.System, NullLogger<ConversationPipeline>.Instance),
            new PendingWrites(),
            new ConsoleMessageIds(TimeProvider.System),
            Meters.Telemetry(),
            TimeProvider.System,
            NullLogger<ConsoleConversation>.Instance);
        var output = new StringWriter();
        var streams = new ConsoleStreams(new StringReader("who is altman\nwho is musk\n"), output, TextWriter.Null);

        await AskCommandLine.RunAsync(RunMode.Parse(["ask", "--json", "--no-record"]), conversation, streams, CancellationToken.None);

        Assert.Equal(2, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        bot.Verify(b => b.RespondAsync(It.Is<ChatRequest>(r => !r.Unrecorded), It.IsAny<CancellationToken>()), Times.Never);
        recorder.VerifyNoOtherCalls();
    }
}
