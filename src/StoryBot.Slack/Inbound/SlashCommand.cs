using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using StoryBot.Slack.Rendering;

namespace StoryBot.Slack.Inbound;

/// <summary>A slash command as Slack sends it (form fields over HTTP, the same names in a socket envelope).</summary>
internal sealed record SlashCommand(string ChannelId, string UserId, string Command, string Text, Uri? ResponseUrl)
{
    /// <summary>The text form the chat bot understands: <c>/who-is altman</c>.</summary>
    public string CommandLine
    {
        get
        {
            var name = Command.StartsWith('/') ? Command : "/" + Command;
            return $"{name} {Text}".Trim();
        }
    }

    public static SlashCommand? FromForm(string body)
    {
        var form = QueryHelpers.ParseQuery(body);
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : string.Empty;
        return Create(Field("channel_id"), Field("user_id"), Field("command"), Field("text"), Field("response_url"));
    }

    public static SlashCommand? FromJson(JsonElement payload) =>
        Create(
            payload.GetStringOrEmpty("channel_id"),
            payload.GetStringOrEmpty("user_id"),
            payload.GetStringOrEmpty("command"),
            payload.GetStringOrEmpty("text"),
            payload.GetStringOrEmpty("response_url"));

    private static SlashCommand? Create(string channel, string user, string command, string text, string responseUrl)
    {
        if (channel.Length == 0 || user.Length == 0 || command.Length == 0)
        {
            return null;
        }

        // Slack encodes &, < and > in the text it forwards; undoing that gives what the user typed
        // (and is harmless if it did not), and the reply escapes it again.
        return new SlashCommand(channel, user, command.Trim().ToLowerInvariant(), SlackText.Unescape(text), ParseResponseUrl(responseUrl));
    }

    internal static Uri? ParseResponseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;
}
