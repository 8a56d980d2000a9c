using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

/// <summary>
/// Two messages of one conversation sent together over the Gateway, on the real chat bot and
/// knowledge pack, with many handlers at once and the first question slow to answer: the answers go
/// out in the order the messages were written, the second read against the first's turn, while
/// another conversation in the same channel is answered meanwhile.
/// </summary>
public sealed class ConversationOrderEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Question = "Wie viel Geld hat SoftBank laut Musk?";
    private const string FollowUp = "und wann war das?";

    private readonly Ed25519Signer _signer = new();
    private FakeDiscord _discord = null!;
    private BotHost _host = null!;
    private FakeGatewayConnection _gateway = null!;
    private FirstQuestionHeld _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = RepositoryFiles.Knowledge,
            ["Knowledge:Reload"] = "false",
            ["Discord:HandlerConcurrency"] = "8",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _host = await BotHost.StartAsync(_discord, _signer, bot: null, runGateway: true, settings: settings, services: services =>
        {
            services.AddStoryCore(configuration);
            HoldFirstQuestion(services);
        });
        _bot = (FirstQuestionHeld)_host.Services.GetRequiredService<IChatBot>();
        _gateway = await _discord.NextGatewayConnectionAsync();
        await _gateway.SendHelloAsync();
        await _gateway.ReceiveAsync();
        await _gateway.SendReadyAsync("session-order", _discord.ResumeGatewayUrl);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task AFollowUpSentWhileTheQuestionIsAnsweredIsPostedAfterItWithItsContext()
    {
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> {Question}", mentionsBot: true, id: "1100000000000000501"));
        await _bot.FirstAsked.Task.WaitAsync(FakeDiscord.Patience);
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> {FollowUp}", mentionsBot: true, id: "1100000000000000502"));

        // Someone else in the channel, asking after both, is answered while the first question is still held.
        await _gateway.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"<@{FakeDiscord.BotUserId}> who is sam altman?", mentionsBot: true, authorId: "80351110224678913", id: "1100000000000000503"));
        await _discord.WaitForReplyToAsync("1100000000000000503");
        _bot.ReleaseFirst();
        var replies = await RepliesToAsync("1100000000000000501", "1100000000000000502");

        Assert.Equal(["1100000000000000501", "1100000000000000502"], replies.Select(FakeDiscord.RepliesTo));
        Assert.Contains(Cited(replies[0].Json)[0], Cited(replies[1].Json));
    }

    /// <summary>The bot's replies to the messages <paramref name="ids"/> name, in the order they were posted, once all are.</summary>
    private async Task<List<RecordedRequest>> RepliesToAsync(params string[] ids)
    {
        bool AllPosted() => ids.All(id => _discord.Requests.Any(r => FakeDiscord.RepliesTo(r) == id));

        // A reply posted before now may have gone by an earlier wait; one posted later is still to be read.
        if (!AllPosted())
        {
            await _discord.WaitForRequestAsync(_ => AllPosted());
        }

        return [.. _discord.Requests.Where(r => FakeDiscord.RepliesTo(r) is { } id && ids.Contains(id))];
    }

    /// <summary>Puts <see cref="FirstQuestionHeld"/> around the chat bot the core registered.</summary>
    private static void HoldFirstQuestion(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IChatBot));
        services.Remove(registered);
        services.AddSingleton(registered.ImplementationType!);
        services.AddSingleton<IChatBot>(provider => new FirstQuestionHeld((IChatBot)provider.GetRequiredService(registered.ImplementationType!)));
    }

    /// <summary>The chat bot, but the first question is answered only once released.</summary>
    private sealed class FirstQuestionHeld(IChatBot inner) : IChatBot
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource FirstAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReleaseFirst() => _release.TrySetResult();

        public async Task<Reply> RespondAsync(ChatRequest request, CancellationToken cancellationToken)
        {
            if (request.Text.Contains(Question, StringComparison.Ordinal))
            {
                FirstAsked.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
            }

            return await inner.RespondAsync(request, cancellationToken);
        }

        public Language LanguageOf(ChatRequest request) => inner.LanguageOf(request);

        public string CommandOf(ChatRequest request) => inner.CommandOf(request);
    }

    /// <summary>The excerpt ids the message cites, from its citation embeds' footers.</summary>
    private static List<string> Cited(JsonElement message) =>
        [.. message.GetProperty("embeds").EnumerateArray()
            .Where(e => e.TryGetProperty("footer", out _))
            .Select(e => e.GetProperty("footer").GetProperty("text").GetString()!.Split(" · ")[^1])];
}
