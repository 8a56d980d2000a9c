using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core;
using StoryBot.Discord;
using StoryBot.Hosting.Health;
using StoryBot.Slack;
using StoryBot.Telemetry;

namespace StoryBot.Hosting;

/// <summary>
/// Builds the host for a run mode: a web host when an HTTP endpoint is configured (Discord
/// interactions, Slack events), a plain generic host otherwise, so the console chat opens no port.
/// </summary>
internal static class StoryBotApp
{
    public static IHost Build(RunMode mode, Action<IServiceCollection>? overrides = null)
    {
        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = mode.HostArgs });
        if (mode.Kind == RunKind.Serve && PlatformSettings.NeedsWebServer(web.Configuration))
        {
            Configure(web.Logging, web.Configuration, mode);

            // Ours first; the Kestrel:Limits section, read afterwards, overrides any of them.
            web.WebHost.ConfigureKestrel((context, kestrel) =>
            {
                EndpointLimits.Apply(kestrel.Limits);
                context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
            });
            web.Services.AddStoryBot(web.Configuration, mode);
            web.Services.AddStoryBotHealth(web.Configuration, webServer: true);
            web.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupCheck, ListenAddressCheck>());
            overrides?.Invoke(web.Services);
            var app = web.Build();

            // Whatever the environment, a request that fails unexpectedly gets a bare 500: no stack
            // trace or message reaches the caller (the reason is in the log).
            app.UseExceptionHandler(failed => failed.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain";
                return context.Response.WriteAsync("Internal error");
            }));
            app.MapDiscord();
            app.MapSlack();
            app.MapHealthAliases();
            app.MapStoryBotTelemetry();
            return app;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = mode.HostArgs });
        if (mode.Kind != RunKind.Serve)
        {
            // A one-shot run answers from the pack as it is; watching the folder would only cost start-up time.
            builder.Configuration.AddInMemoryCollection([new("Knowledge:Reload", "false")]);
        }

        Configure(builder.Logging, builder.Configuration, mode);
        builder.Services.AddStoryBot(builder.Configuration, mode);
        if (mode.Kind == RunKind.Serve)
        {
            builder.Services.AddStoryBotHealth(builder.Configuration, webServer: false);
        }

        overrides?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Logs go to stderr: stdout belongs to the chat and to the JSON contract.</summary>
    private static void Configure(ILoggingBuilder logging, IConfiguration configuration, RunMode mode)
    {
        logging.ClearProviders();
        ConsoleLogFormat.Add(logging, configuration);

        // Every readiness probe during an outage would log an error; the state store logs the outage once itself.
        logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var chatting = mode.Kind != RunKind.Serve || !PlatformSettings.AnyPlatform(configuration);
        if (chatting && configuration["Logging:LogLevel:Default"] is null)
        {
            logging.SetMinimumLevel(LogLevel.Warning);
        }
    }
}
