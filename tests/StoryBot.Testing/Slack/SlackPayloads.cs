using System.Text.Json;

namespace StoryBot.Testing.Slack;

/// <summary>Payloads shaped like the examples in Slack's documentation.</summary>
public static class SlackPayloads
{
    public const string Team = "T123ABC456";
    public const string Channel = "C123ABC456";
    public const string User = "U123ABC456";

    private static long _triggers = 13345224609;

    private static string Json(string value) => JsonSerializer.Serialize(value);

    /// <summary>Slack gives every invocation its own trigger_id, as in its examples (<c>13345224609.738474920.8088930838d88f008e0</c>).</summary>
    private static string NextTriggerId() => $"{Interlocked.Increment(ref _triggers)}.738474920.{Guid.NewGuid():N}"[..42];

    public static string SlashCommandForm(string command, string text, Uri responseUrl, string user = User, string channel = Channel) =>
        $"token=gIkuvaNzQIHg97ATvDxqgjtO&team_id={Team}&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc"
        + $"&channel_id={channel}&channel_name=test&user_id={user}&user_name=Steve&command={Uri.EscapeDataString(command)}"
        + $"&text={Uri.EscapeDataString(text)}&response_url={Uri.EscapeDataString(responseUrl.ToString())}"
        + $"&trigger_id={NextTriggerId()}&api_app_id=A123456";

    public static string SlashCommandEnvelope(string envelopeId, string command, string text, Uri responseUrl, string user = User) => $$"""
        {"payload":{"token":"bHKJ2n9AW6Ju3MjciOHfbA1b","team_id":"{{Team}}","team_domain":"example","channel_id":"{{Channel}}","channel_name":"general",
        "user_id":{{Json(user)}},"user_name":"Steve","command":{{Json(command)}},"text":{{Json(text)}},"api_app_id":"A123ABC456","is_enterprise_install":"false",
        "response_url":{{Json(responseUrl.ToString())}},"trigger_id":"{{NextTriggerId()}}"},
        "envelope_id":{{Json(envelopeId)}},"type":"slash_commands","accepts_response_payload":true}
        """;

    public static string EventCallback(string eventId, string innerEvent) => $$"""
        {"token":"XXYYZZ","team_id":"{{Team}}","api_app_id":"A123ABC456","event":{{innerEvent}},"type":"event_callback",
        "event_id":{{Json(eventId)}},"event_time":1515449522,"authed_users":["{{FakeSlack.BotUserId}}"]}
        """;

    public static string EventsEnvelope(string envelopeId, string eventId, string innerEvent) => $$"""
        {"envelope_id":{{Json(envelopeId)}},"payload":{{EventCallback(eventId, innerEvent)}},"type":"events_api","accepts_response_payload":false,"retry_attempt":0,"retry_reason":""}
        """;

    public static string AppMention(string text, string ts = "1515449522.000016", string? threadTs = null, string user = User) => $$"""
        {"type":"app_mention","user":{{Json(user)}},"text":{{Json(text)}},"ts":"{{ts}}",{{(threadTs is null ? "" : $"\"thread_ts\":\"{threadTs}\",")}}
        "channel":"{{Channel}}","event_ts":"{{ts}}","team":"{{Team}}"}
        """;

    /// <summary>
    /// A <c>message.channels</c> event for a reply in a thread, shaped like Slack's message event:
    /// <c>thread_ts</c> names the thread's parent and <c>parent_user_id</c> its author.
    /// </summary>
    public static string ThreadMessage(string text, string ts, string threadTs, string? parentUserId, string user = User) => $$"""
        {"type":"message","client_msg_id":"{{Guid.NewGuid()}}","channel":"{{Channel}}","user":{{Json(user)}},"text":{{Json(text)}},"ts":"{{ts}}",
        "thread_ts":"{{threadTs}}",{{(parentUserId is null ? "" : $"\"parent_user_id\":{Json(parentUserId)},")}}"team":"{{Team}}","event_ts":"{{ts}}","channel_type":"channel"}
        """;

    public static string DirectMessage(string text, string channel = "D024BE91L", string ts = "1355517523.000005", string user = User) => $$"""
        {"type":"message","channel":"{{channel}}","user":{{Json(user)}},"text":{{Json(text)}},"ts":"{{ts}}","event_ts":"{{ts}}","channel_type":"im"}
        """;

    /// <summary>The user entered the app's Home: its Home tab, or with <paramref name="tab"/> "messages" its Messages tab (the app_home_opened example).</summary>
    public static string AppHomeOpened(string user = User, string tab = "home", string channel = "D123ABC456") => $$"""
        {"type":"app_home_opened","user":{{Json(user)}},"channel":{{Json(channel)}},"event_ts":"1515449522000016","tab":{{Json(tab)}},
        "view":{"id":"V123ABC456","team_id":"{{Team}}","type":"home","blocks":[],"private_metadata":"","callback_id":"","hash":"1231232323.12321312",
        "clear_on_close":false,"notify_on_close":false,"root_view_id":"V123ABC456","app_id":"A123ABC456","external_id":"","app_installed_team_id":"{{Team}}","bot_id":"B123ABC456"} }
        """;

    public static string BotDirectMessage(string text) => $$"""
        {"type":"message","subtype":"bot_message","channel":"D024BE91L","bot_id":"B0OTHERBOT","text":{{Json(text)}},"ts":"1355517524.000001","channel_type":"im"}
        """;

    public static string OwnDirectMessage(string text) => $$"""
        {"type":"message","channel":"D024BE91L","user":"{{FakeSlack.BotUserId}}","bot_id":"{{FakeSlack.BotId}}","text":{{Json(text)}},"ts":"1355517525.000001","channel_type":"im"}
        """;

    public static string BlockActions(string messageTs, Uri responseUrl, string user = User, string actionId = "storybot_report") => $$"""
        {"type":"block_actions","user":{"id":{{Json(user)}},"username":"steve","name":"steve","team_id":"{{Team}}"},"api_app_id":"A123ABC456",
        "token":"9s8d9as89d8as9d8as989","container":{"type":"message","message_ts":"{{messageTs}}","channel_id":"{{Channel}}","is_ephemeral":false},
        "trigger_id":"{{NextTriggerId()}}","team":{"id":"{{Team}}","domain":"example"},"channel":{"id":"{{Channel}}","name":"general"},
        "message":{"type":"message","user":"{{FakeSlack.BotUserId}}","ts":"{{messageTs}}","bot_id":"{{FakeSlack.BotId}}","text":"answer"},
        "response_url":{{Json(responseUrl.ToString())}},
        "actions":[{"action_id":{{Json(actionId)}},"block_id":"storybot_answer_actions","text":{"type":"plain_text","text":"Report","emoji":true},"value":"report","type":"button","action_ts":"1548426417.840180"}]}
        """;

    /// <summary>A message shortcut's payload, as in Slack's "Handling user interaction → message shortcuts" example.</summary>
    public static string MessageShortcut(string text, string messageTs, Uri responseUrl, string? threadTs = null, string user = User, string callbackId = "ask_about_message") => $$"""
        {"type":"message_action","token":"Nj2rfC2hU8mAfgaJLemZgO7H","action_ts":"1581106241.371594",
        "team":{"id":"{{Team}}","domain":"example"},"user":{"id":{{Json(user)}},"username":"aman","team_id":"{{Team}}","name":"aman"},
        "channel":{"id":"{{Channel}}","name":"general"},"is_enterprise_install":false,"enterprise":null,
        "callback_id":{{Json(callbackId)}},"trigger_id":"{{NextTriggerId()}}","message_ts":"{{messageTs}}",
        "message":{"client_msg_id":"b0a3b0a4-0000-4000-8000-1581106229","type":"message","text":{{Json(text)}},"user":"U0AUTHOR01","ts":"{{messageTs}}",
        {{(threadTs is null ? "" : $"\"thread_ts\":\"{threadTs}\",")}}"team":"{{Team}}","blocks":[]},
        "response_url":{{Json(responseUrl.ToString())}}}
        """;

    /// <summary>
    /// A submitted modal view, as in Slack's view_submission example: the form's private_metadata as the
    /// app set it, and the text input's value in <c>state.values</c> (null when left empty).
    /// </summary>
    public static string ViewSubmission(string? privateMetadata, string? reason, string user = User, string callbackId = "storybot_report") => $$"""
        {"type":"view_submission","team":{"id":"{{Team}}","domain":"example"},
        "user":{"id":{{Json(user)}},"username":"george","name":"george","team_id":"{{Team}}"},
        "api_app_id":"A123ABC456","token":"9s8d9as89d8as9d8as989","trigger_id":"{{NextTriggerId()}}",
        "view":{"id":"VNHU13V36","team_id":"{{Team}}","type":"modal","blocks":[],"private_metadata":{{JsonSerializer.Serialize(privateMetadata)}},
        "callback_id":{{Json(callbackId)}},
        "state":{"values":{"reason":{"reason":{"type":"plain_text_input","value":{{JsonSerializer.Serialize(reason)}} } } } },
        "hash":"156663117.cd33ad1f","title":{"type":"plain_text","text":"Report answer"},"clear_on_close":false,"notify_on_close":false,
        "close":null,"submit":null,"previous_view_id":null,"root_view_id":"VNHU13V36","app_id":"A123ABC456","external_id":"","bot_id":"{{FakeSlack.BotId}}"},
        "response_urls":[]}
        """;

    public static string InteractiveEnvelope(string envelopeId, string payload) => $$"""
        {"envelope_id":{{Json(envelopeId)}},"payload":{{payload}},"type":"interactive","accepts_response_payload":false}
        """;
}
