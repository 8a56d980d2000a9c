using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StoryBot.Benchmarks.Support;

/// <summary>
/// The ceiling a load figure is read against: a plain Kestrel endpoint on loopback that reads the
/// request and answers with fixed bytes, no verification and no work, hit by the same client in the
/// same run.
/// </summary>
internal sealed class CeilingEndpoint : IAsyncDisposable
{
    private LoopbackApi _api = null!;

    public Uri Endpoint { get; private set; } = null!;

    /// <param name="response">What every request gets back, shaped like the real endpoint's answer so the client does the same work.</param>
    public static async Task<CeilingEndpoint> StartAsync(string contentType, byte[] response)
    {
        var ceiling = new CeilingEndpoint();
        ceiling._api = await LoopbackApi.StartAsync(app => app.MapPost("/", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(response);
        }));
        ceiling.Endpoint = new Uri(ceiling._api.Address + "/");
        return ceiling;
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
