using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StoryBot.Core.Conversation;
using StoryBot.Core.Telemetry;
using StoryBot.State.Telemetry;

namespace StoryBot.Telemetry;

/// <summary>
/// OpenTelemetry for StoryBot: the libraries' spans and instruments (<see cref="StoryBotTelemetry"/>,
/// <see cref="StateTelemetry"/>) with ASP.NET Core's, HttpClient's and the runtime's, exported by
/// OTLP (traces, metrics, logs) and scraped by Prometheus (metrics), each only when configured.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name exporters report, unless OTEL_SERVICE_NAME says otherwise.</summary>
    public const string ServiceName = "storybot";

    /// <summary>
    /// Section <c>Telemetry</c>, validated at start. With no exporter configured no OpenTelemetry
    /// provider is built: nothing listens, so no span is created and no measurement is kept.
    /// </summary>
    public static IServiceCollection AddStoryBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.AddStoryBotInstruments();
        services.AddOptions<TelemetryContentOptions>()
            .Configure<IOptions<TelemetryOptions>>((content, telemetry) => content.UserText = telemetry.Value.RecordUserText);

        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.AnyExporter)
        {
            return services;
        }

        var openTelemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetryOptions).Assembly.GetName().Version?.ToString(3)));
        openTelemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(StoryBotTelemetry.Name, StateTelemetry.Name)

                // Made with the provider, so the queue-depth gauge is there before the first request.
                .AddInstrumentation(provider => provider.GetRequiredService<StoryBotTelemetry>())
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation();
            if (settings.Prometheus.Enabled)
            {
                metrics.AddPrometheusExporter();
            }
        });

        if (Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            openTelemetry.WithTracing(tracing => tracing
                .AddSource(StoryBotTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsScrape(context, settings))
                .AddHttpClientInstrumentation(http =>
                {
                    // Discord's webhook paths hold interaction tokens and a response_url is a secret itself.
                    http.EnrichWithHttpRequestMessage = (activity, request) => activity.SetTag("url.full", RedactedUrl.Of(request.RequestUri));
                }));
            openTelemetry.WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });
            openTelemetry.UseOtlpExporter(settings.OtlpProtocol, endpoint);
        }

        return services;
    }

    /// <summary>Serves the Prometheus scrape endpoint on the web host when <c>Telemetry:Prometheus</c> turns it on.</summary>
    public static WebApplication MapStoryBotTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prometheus = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(prometheus.Path);
        }

        return app;
    }

    private static bool IsScrape(HttpContext context, TelemetryOptions settings) =>
        settings.Prometheus.Enabled && context.Request.Path.Equals(settings.Prometheus.Path, StringComparison.OrdinalIgnoreCase);
}
