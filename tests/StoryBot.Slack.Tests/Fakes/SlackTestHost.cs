using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Slack.Http;

namespace StoryBot.Slack.Tests.Fakes;

/// <summary>StoryBot's Slack adapter in a real Kestrel host on loopback, talking to a <see cref="FakeSlack"/>.</summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    public const string BotToken = "xoxb-1111-2222-secretbottoken";
    public const string AppToken = "xapp-1-A111-3333-secretapptoken";
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string ModeratorId = "U0MODERATOR";

    private SlackTestHost(WebApplication app, ScriptedChatBot bot, RecordingAnswerRecorder recorder, LogCapture logs)
    {
        App = app;
        Bot = bot;
        Recorder = recorder;
        Logs = logs;
    }

    public WebApplication App { get; }
    public ScriptedChatBot Bot { get; }
    public RecordingAnswerRecorder Recorder { get; }
    public LogCapture Logs { get; }
    public Uri BaseUrl { get; private set; } = null!;
    public HttpClient Http { get; } = new();

    public static Dictionary<string, string?> Settings(FakeSlack fake, bool socketMode, bool httpMode) => new()
    {
        ["Slack:BotToken"] = BotToken,
        ["Slack:AppToken"] = socketMode ? AppToken : null,
        ["Slack:SigningSecret"] = httpMode ? SigningSecret : null,
        ["Slack:ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
        ["Slack:ChannelPostInterval"] = "00:00:00",
        ["Slack:ReconnectDelay"] = "00:00:00.050",
        ["Slack:MaxReconnectDelay"] = "00:00:00.500",
        ["Slack:ModeratorUserIds:0"] = ModeratorId,
        ["Cooldown:MaxQuestions"] = "1000",
    };

    public static async Task<SlackTestHost> StartAsync(
        Dictionary<string, string?> settings,
        Action<IServiceCollection>? configureServices = null,
        ScriptedChatBot? bot = null,
        bool realChatBot = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new LogCapture();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        bot ??= new ScriptedChatBot();
        var recorder = new RecordingAnswerRecorder();
        if (realChatBot)
        {
            // The real answer engine over the repository's knowledge pack, unless the test names another knowledge folder.
            if (!settings.ContainsKey("Knowledge:Path"))
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:Path"] = SourceText.KnowledgePath });
            }

            builder.Services.AddStoryCore(builder.Configuration);
        }
        else
        {
            builder.Services.AddSingleton(bot.Mock.Object);
        }

        configureServices?.Invoke(builder.Services);

        // The scripted bot needs no pack, but the Home tab names the story: the repository's.
        builder.Services.TryAddSingleton<IKnowledgeProvider>(_ => new SwappablePack());

        // After the caller's services, so it is told last: once it has heard of an answer, any
        // other recorder (the durable answer log) has stored it.
        builder.Services.AddSingleton<IAnswerRecorder>(recorder);
        builder.Services.AddSlack(builder.Configuration);

        var app = builder.Build();
        app.MapSlack();
        await app.StartAsync();
        var host = new SlackTestHost(app, bot, recorder, logs);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        host.BaseUrl = new Uri(address);
        return host;
    }

    /// <summary>Posts <paramref name="body"/> signed as Slack would, with the given timestamp (default now).</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(
        string path, string body, string contentType = "application/x-www-form-urlencoded", long? timestamp = null, string? signature = null,
        IDictionary<string, string>? headers = null)
    {
        var stamp = (timestamp ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds())
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, path));
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", stamp);
        request.Headers.Add("X-Slack-Signature", signature ?? SlackSignatureVerifier.Sign(SigningSecret, stamp, Encoding.UTF8.GetBytes(body)));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("STORYBOT_TEST_LOG_DIR") is { Length: > 0 } directory)
        {
            var lines = Logs.Lines.Where(line => !line.Category.StartsWith("System.Net.Http", StringComparison.Ordinal) && !line.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
                .Select(line => $"{line.Level} {line.Category}: {line.Message}");
            await File.WriteAllLinesAsync(Path.Combine(directory, Guid.NewGuid().ToString("N") + ".log"), lines);
        }

        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
