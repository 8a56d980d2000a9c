using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StoryBot.Hosting.Health;

/// <summary>
/// Answers a probe: the checks of one tag, 200 when healthy or degraded and 503 when unhealthy,
/// and a JSON body with the overall status and, where asked, each check's name, status and
/// description. An exception is named by its type only: no message, no stack trace.
/// </summary>
internal static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthCheckService health, string tag, bool details)
    {
        var report = await health.CheckHealthAsync(registration => registration.Tags.Contains(tag), context.RequestAborted);
        var response = context.Response;
        response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        if (details)
        {
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Exception is { } failure ? $"the check failed ({failure.GetType().Name})" : entry.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
