using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

/// <summary>
/// One bot instance's state services, wired by <c>AddStoryState</c> against a test database.
/// A second harness on the same backend is a restart, or another instance.
/// </summary>
public sealed class StateHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="pack">The knowledge pack this instance serves; the small test pack unless given.</param>
    public StateHarness(StorageBackend backend, TimeProvider time, IEnumerable<IChannelPoster> posters, IDictionary<string, string?>? settings = null, KnowledgePack? pack = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = backend.Provider,
            ["Storage:ConnectionString"] = backend.ConnectionString,
            ["Moderation:CorrectionRetryDelay"] = "00:00:30",
            ["Moderation:CorrectionMaxAttempts"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var knowledge = new Mock<IKnowledgeProvider>();
        knowledge.Setup(k => k.Current).Returns(pack ?? TestPack.Create());

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddSingleton(time);
        services.AddSingleton(knowledge.Object);
        foreach (var poster in posters)
        {
            services.AddSingleton(poster);
        }

        services.AddStoryState(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>What this instance logged.</summary>
    public FakeLogCollector Logs => Get<FakeLogCollector>();

    public IEnumerable<IHostedService> HostedServices => _services.GetServices<IHostedService>();

    public static ChatRequest Moderator(string text, string platform = "discord", string user = "mod-1") =>
        new(platform, "channel-1", user, text) { IsModerator = true };

    public static ChatRequest Reader(string text, string platform = "discord", string user = "reader-1", string? referenced = null) =>
        new(platform, "channel-1", user, text) { ReferencedMessageId = referenced };

    /// <summary>Runs a command the way the chat bot does: the last registered command of that name.</summary>
    public Task<Reply> SendAsync(ChatRequest request, Language language = Language.English)
    {
        var text = request.Text.Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var (name, argument) = space < 0 ? (text[1..], string.Empty) : (text[1..space], text[(space + 1)..].Trim());
        var command = _services.GetServices<IChatCommand>().Last(c => c.Name == name);
        return command.ExecuteAsync(new CommandContext(request, argument, language), CancellationToken.None);
    }

    /// <summary>An answer an adapter posted as <paramref name="messageId"/> and told the recorder about.</summary>
    public async Task<PostedMessage> PostAnswerAsync(string messageId, Language language, params string[] excerptIds) =>
        await PostAnswerAsync(new PostedMessage("discord", "channel-1", messageId, "thread-1"), language, excerptIds);

    public Task<PostedMessage> PostAnswerAsync(PostedMessage message, Language language, params string[] excerptIds) =>
        RecordAnswerAsync(message, language, answerTime: null, excerptIds);

    /// <summary>An answer the pipeline timed at <paramref name="answerTime"/>, then posted as <paramref name="messageId"/>.</summary>
    public Task<PostedMessage> PostTimedAnswerAsync(string messageId, TimeSpan answerTime) =>
        RecordAnswerAsync(new PostedMessage("discord", "channel-1", messageId, "thread-1"), Language.English, answerTime, ["a-1"]);

    private async Task<PostedMessage> RecordAnswerAsync(PostedMessage message, Language language, TimeSpan? answerTime, string[] excerptIds)
    {
        var reply = TestPack.Answer($"question for {message.MessageId}", language, excerptIds);
        var request = new ChatRequest(message.Platform, message.ChannelId, "asker", reply.Question) { AnswerTime = answerTime };
        await Get<IAnswerRecorder>().RecordAsync(message, request, reply, CancellationToken.None);
        return message;
    }

    public async Task<CitationFilter> FilterAsync() => await Get<ICitationPolicy>().GetFilterAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
