using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoryBot.Benchmarks.Support;

namespace StoryBot.Benchmarks.Discord;

/// <summary>
/// The one REST route an inline answer leads to when state is on: reading back the interaction's
/// original message for its id, so the answer can be recorded for reports and corrections.
/// </summary>
internal sealed class FakeDiscordWebhooks : IAsyncDisposable
{
    private LoopbackApi _api = null!;
    private long _nextId = 1_200_000_000_000_000_000;
    private long _reads;

    public string ApiBaseUrl => _api.Address + "/api/v10";

    public long Reads => Interlocked.Read(ref _reads);

    public static async Task<FakeDiscordWebhooks> StartAsync()
    {
        var fake = new FakeDiscordWebhooks();
        fake._api = await LoopbackApi.StartAsync(app => app.MapGet(
            "/api/v10/webhooks/{applicationId}/{token}/messages/@original",
            (string applicationId) =>
            {
                Interlocked.Increment(ref fake._reads);
                var id = Interlocked.Increment(ref fake._nextId).ToString(CultureInfo.InvariantCulture);
                return Results.Json(new { id, channel_id = "41771983423143937", application_id = applicationId });
            }));
        return fake;
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
