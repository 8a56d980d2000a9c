using CsCheck;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Slack.Tests.Http;

/// <summary>Slack-shaped payloads and form bodies with hostile values, for the fuzz tests.</summary>
internal static class SlackPayloadInputs
{
    private static readonly Gen<string> Event = JsonInputs.ObjectOf(
        ("type", JsonInputs.StringOf("app_mention", "message")),
        ("subtype", JsonInputs.StringOf("bot_message")),
        ("channel_type", JsonInputs.StringOf("im", "channel")),
        ("channel", JsonInputs.StringOf("C1")),
        ("user", JsonInputs.StringOf("U1")),
        ("text", JsonInputs.StringOf("<@U0BOT> who is musk?")),
        ("ts", JsonInputs.StringOf("1.2")),
        ("thread_ts", JsonInputs.StringOf("1.1")));

    /// <summary>An event callback, a slash command or a button press, as JSON.</summary>
    public static readonly Gen<string> Payload = JsonInputs.ObjectOf(
        ("type", JsonInputs.StringOf("event_callback", "url_verification", "block_actions")),
        ("event_id", JsonInputs.StringOf("Ev1")),
        ("challenge", JsonInputs.StringOf("c")),
        ("event", Event),
        ("channel_id", JsonInputs.StringOf("C1")),
        ("user_id", JsonInputs.StringOf("U1")),
        ("command", JsonInputs.StringOf("/who-is", " /ASK ")),
        ("text", JsonInputs.StringOf("altman &amp; &lt;musk&gt;")),
        ("response_url", JsonInputs.StringOf("https://hooks.slack.example/x", "javascript:alert(1)", "http://[::1", "")),
        ("trigger_id", JsonInputs.StringOf("t1")),
        ("user", JsonInputs.ObjectOf(("id", JsonInputs.StringOf("U1")))),
        ("channel", JsonInputs.ObjectOf(("id", JsonInputs.StringOf("C1")))),
        ("container", JsonInputs.ObjectOf(("message_ts", JsonInputs.StringOf("1.2")), ("channel_id", JsonInputs.StringOf("C1")))),
        ("actions", JsonInputs.ArrayOf(JsonInputs.ObjectOf(("action_id", JsonInputs.StringOf("storybot_report"))))));

    /// <summary>Percent-encoding as Slack writes it, and as it must never be: bad escapes, encoded bytes that are not UTF-8.</summary>
    private static readonly Gen<string> FormValue = Gen.Frequency(
        (3, JsonInputs.Text.Select(Uri.EscapeDataString)),
        (1, JsonInputs.Text),
        (1, Gen.OneOf("%", "%G1", "%ED%A0%80", "%FF", "%C0%80", "+", "%2", "&&", "==", "%00", "%F0%9F%98")));

    /// <summary>A slash-command or interactivity form body.</summary>
    public static readonly Gen<string> Form = Gen.Select(
            Gen.OneOf("channel_id", "user_id", "command", "text", "response_url", "trigger_id", "ssl_check", "payload", "x", ""),
            Gen.Frequency((3, FormValue), (1, Payload.Select(Uri.EscapeDataString))))
        .Select((name, value) => name + "=" + value)
        .Array[0, 8]
        .Select(fields => string.Join("&", fields));
}
