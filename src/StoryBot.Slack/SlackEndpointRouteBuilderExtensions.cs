using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Slack.Http;

namespace StoryBot.Slack;

public static class SlackEndpointRouteBuilderExtensions
{
    public const string CommandsPath = "/slack/commands";
    public const string EventsPath = "/slack/events";
    public const string InteractivityPath = "/slack/interactivity";

    /// <summary>
    /// Maps the Slack Request URLs. Every request must carry a valid signature made with
    /// <c>Slack:SigningSecret</c>; without a secret every request is refused with 401.
    /// </summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(CommandsPath, (HttpContext context) => Handler(context).HandleCommandAsync(context));
        endpoints.MapPost(EventsPath, (HttpContext context) => Handler(context).HandleEventAsync(context));
        endpoints.MapPost(InteractivityPath, (HttpContext context) => Handler(context).HandleInteractivityAsync(context));
        return endpoints;
    }

    private static SlackHttpEndpoints Handler(HttpContext context) =>
        context.RequestServices.GetRequiredService<SlackHttpEndpoints>();
}
