namespace StoryBot.Slack.Tests.Fakes;

/// <summary>
/// A <see cref="SlackHostTest"/> that sends Events API events the way its mode says: signed to the
/// events endpoint, or in an envelope on the Socket Mode connection (awaiting the bot's ack), so one
/// test body runs over both.
/// </summary>
public abstract class SlackEventsTest : SlackHostTest
{
    private FakeSocket? _socket;

    private protected override async Task StartedAsync()
    {
        if (SocketMode)
        {
            _socket = await Slack.NextSocketAsync();
        }
    }

    private protected async Task SendEventAsync(string eventId, string innerEvent)
    {
        if (_socket is null)
        {
            using var response = await Host.PostSignedAsync("/slack/events", SlackPayloads.EventCallback(eventId, innerEvent), "application/json");
            response.EnsureSuccessStatusCode();
            return;
        }

        var envelope = "env-" + eventId;
        await _socket.SendAsync(SlackPayloads.EventsEnvelope(envelope, eventId, innerEvent));
        await _socket.AckOfAsync(envelope);
    }
}
