using Microsoft.Extensions.Options;

namespace StoryBot.Telemetry;

/// <summary>Checks the <c>Telemetry</c> section at start, naming each key that is wrong.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <summary>Paths the bot serves itself, which the scrape endpoint must not take.</summary>
    private static readonly string[] TakenPaths = ["/discord/interactions", "/slack/commands", "/slack/events", "/slack/interactivity", "/healthz", "/readyz"];

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !IsHttpAddress(options.OtlpEndpoint))
        {
            failures.Add($"Telemetry:OtlpEndpoint must be an absolute http or https address (such as http://localhost:4317), not '{options.OtlpEndpoint}'; leave it empty to export nothing.");
        }

        if (!Enum.IsDefined(options.OtlpProtocol))
        {
            failures.Add("Telemetry:OtlpProtocol must be Grpc or HttpProtobuf.");
        }

        var path = options.Prometheus.Path;
        if (options.Prometheus.Enabled)
        {
            if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/') || path.Length == 1 || path.IndexOfAny(['?', '#', ' ']) >= 0)
            {
                failures.Add($"Telemetry:Prometheus:Path must be a path such as /metrics, not '{path}'.");
            }
            else if (TakenPaths.Contains(path.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"Telemetry:Prometheus:Path '{path}' is one of the bot's own endpoints; choose another, such as /metrics.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
