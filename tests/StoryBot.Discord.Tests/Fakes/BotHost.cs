using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Gateway;

namespace StoryBot.Discord.Tests.Fakes;

/// <summary>StoryBot's Discord adapter hosted the way the real host does it, pointed at a <see cref="FakeDiscord"/>.</summary>
public sealed class BotHost : IAsyncDisposable
{
    /// <summary>The repository's pack, loaded once: its story's topic commands are among those Discord registers.</summary>
    private static readonly Lazy<KnowledgePack> RepositoryPack = new(() => KnowledgePackLoader.Load(RepositoryFiles.Story));

    private readonly WebApplication _app;

    private readonly bool _ownsStateDirectory;

    private BotHost(WebApplication app, string stateDirectory, bool ownsStateDirectory)
    {
        _app = app;
        StateDirectory = stateDirectory;
        _ownsStateDirectory = ownsStateDirectory;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public string StateDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient Http { get; } = new();

    public static async Task<BotHost> StartAsync(
        FakeDiscord discord,
        Ed25519Signer signer,
        IChatBot? bot,
        bool runGateway = false,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string? stateDirectory = null)
    {
        var ownsStateDirectory = stateDirectory is null;
        stateDirectory ??= Directory.CreateTempSubdirectory("storybot-discord-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscord.Token,
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Discord:StateDirectory"] = stateDirectory,
            ["Discord:RegisterCommands"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        if (bot is not null)
        {
            builder.Services.AddSingleton(bot);
        }

        builder.Services.AddSingleton(new DiscordTimings
        {
            RestRetryBase = TimeSpan.FromMilliseconds(10),
            RestRetryCap = TimeSpan.FromMilliseconds(50),
            ReconnectBase = TimeSpan.FromMilliseconds(20),
            ReconnectCap = TimeSpan.FromMilliseconds(200),
            InvalidSessionMinWait = TimeSpan.FromMilliseconds(10),
            InvalidSessionMaxWait = TimeSpan.FromMilliseconds(50),
            IdentifyWindow = TimeSpan.FromMilliseconds(50),
            OriginalMessageRetry = TimeSpan.FromMilliseconds(20),
        });
        services?.Invoke(builder.Services);
        builder.Services.TryAddSingleton(_ => Mock.Of<IKnowledgeProvider>(k => k.Current == RepositoryPack.Value));
        builder.Services.AddDiscord(builder.Configuration);
        if (!runGateway)
        {
            foreach (var gateway in builder.Services.Where(d => d.ImplementationType == typeof(DiscordGatewayService)).ToList())
            {
                builder.Services.Remove(gateway);
            }
        }

        var app = builder.Build();
        app.MapDiscord();
        var host = new BotHost(app, stateDirectory, ownsStateDirectory);
        await app.StartAsync();
        host.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return host;
    }

    public static Mock<IChatBot> ChatBot(Core.Answering.Reply reply)
    {
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ChatRequest request, CancellationToken _) => reply with { Question = request.Text });
        return bot;
    }

    /// <summary>Posts a body signed with <paramref name="signer"/> (or with the given headers) to the interactions endpoint.</summary>
    public async Task<HttpResponseMessage> PostInteractionAsync(string body, Ed25519Signer signer, DateTimeOffset? signedAt = null, string? signature = null, bool sign = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/discord/interactions")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (sign)
        {
            var timestamp = (signedAt ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.Headers.Add("X-Signature-Timestamp", timestamp);
            request.Headers.Add("X-Signature-Ed25519", signature ?? signer.Sign(timestamp, body));
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Stops the host as SIGTERM would: the work lanes drain what they hold.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsStateDirectory)
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }
}
