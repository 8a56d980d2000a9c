using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoryBot.Benchmarks.Support;

namespace StoryBot.Benchmarks.Discord;

/// <summary>
/// The REST routes an inline answer leads to: reading back the interaction's original message for
/// its id when state is on, so the answer can be recorded for reports and corrections, and posting
/// the further pages of an answer longer than one message as follow-ups.
/// </summary>
internal sealed class FakeDiscordWebhooks : IAsyncDisposable
{
    private LoopbackApi _api = null!;
    private long _nextId = 1_200_000_000_000_000_000;
    private long _reads;
    private long _followUps;

    public string ApiBaseUrl => _api.Address + "/api/v10";

    public long Reads => Interlocked.Read(ref _reads);

    public long FollowUps => Interlocked.Read(ref _followUps);

    public static async Task<FakeDiscordWebhooks> StartAsync()
    {
        var fake = new FakeDiscordWebhooks();
        fake._api = await LoopbackApi.StartAsync(app =>
        {
            app.MapGet(
                "/api/v10/webhooks/{applicationId}/{token}/messages/@original",
                (string applicationId) =>
                {
                    Interlocked.Increment(ref fake._reads);
                    return fake.Message(applicationId);
                });
            app.MapPost(
                "/api/v10/webhooks/{applicationId}/{token}",
                async (string applicationId, HttpRequest request) =>
                {
                    // Read whole, as Discord would, so the bot's send costs what it costs against the real API.
                    await request.Body.CopyToAsync(Stream.Null);
                    Interlocked.Increment(ref fake._followUps);
                    return fake.Message(applicationId);
                });
        });
        return fake;
    }

    private IResult Message(string applicationId)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        return Results.Json(new { id, channel_id = "41771983423143937", application_id = applicationId });
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
