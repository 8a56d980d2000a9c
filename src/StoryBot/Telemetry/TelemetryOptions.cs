using OpenTelemetry.Exporter;

namespace StoryBot.Telemetry;

/// <summary>
/// Section <c>Telemetry</c>: where traces, metrics and logs go. With nothing set, no exporter runs
/// and nothing listens to StoryBot's spans and instruments.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OpenTelemetry collector's OTLP address (<c>http://collector:4317</c>); empty: no OTLP export.</summary>
    public string OtlpEndpoint { get; set; } = string.Empty;

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318, paths <c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c> added).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    public PrometheusScrapeOptions Prometheus { get; set; } = new();

    /// <summary>
    /// Whether the question's text may be attached to the <c>ask</c> span. Off by default: what
    /// people type stays out of traces unless the operator decides to keep it there.
    /// </summary>
    public bool RecordUserText { get; set; }

    /// <summary>Whether anything is exported at all.</summary>
    public bool AnyExporter => !string.IsNullOrWhiteSpace(OtlpEndpoint) || Prometheus.Enabled;
}

/// <summary>A Prometheus scrape endpoint on the bot's web server (<c>Urls</c>).</summary>
public sealed class PrometheusScrapeOptions
{
    /// <summary>Whether the bot serves its metrics for Prometheus to scrape; it starts the web server when nothing else does.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where the metrics are served; not one of the bot's own endpoints. Expose the port to Prometheus only: the endpoint has no authentication.</summary>
    public string Path { get; set; } = "/metrics";
}
