using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Slack.Inbound;

namespace StoryBot.Slack.Handling;

/// <summary>
/// Threads under the bot's own messages: a message written there is for the bot without a mention,
/// and the thread is one conversation that starts with the turns of the answer it hangs under.
/// Other threads are the bot's only where it is mentioned.
/// </summary>
/// <remarks>
/// The bot's answers are known by their channel and ts (a ts is unique only within its channel)
/// while <see cref="AnsweredMessages"/> keeps them; a thread reply also names its parent's author
/// (<c>parent_user_id</c>), which still tells a thread under the bot's message after a restart.
/// </remarks>
internal sealed class SlackThreads(AnsweredMessages answered, SlackIdentity identity)
{
    private const string Platform = SlackRequests.Platform;

    /// <summary>Keeps a message the bot posted in reply to <paramref name="request"/>.</summary>
    public void Posted(ChatRequest request, string? ts)
    {
        if (ts is not null)
        {
            answered.Remember(Platform, AnswerId(request.ChannelId, ts), request);
        }
    }

    /// <summary>
    /// The bot's message the event's thread hangs under, as <see cref="ChatRequest.ContinuesFrom"/>
    /// names it; null for a message outside a thread, the parent itself, or a thread under anyone else's.
    /// </summary>
    public string? AnswerAbove(SlackEvent slackEvent)
    {
        if (slackEvent is not { ThreadTs: { } parent, ChannelId: { } channel } || parent == slackEvent.Ts)
        {
            return null;
        }

        var id = AnswerId(channel, parent);
        var bot = identity.BotUserId;
        return answered.Contains(Platform, id) || (bot is not null && slackEvent.ParentUserId == bot) ? id : null;
    }

    /// <summary>
    /// A channel message (<c>message.channels</c>, <c>message.groups</c>) in a thread under the bot's
    /// message that does not mention it: a mention there arrives as <c>app_mention</c> too, and is answered as that.
    /// </summary>
    public bool IsFollowUp(SlackEvent slackEvent) =>
        slackEvent is { Type: "message", ChannelType: "channel" or "group" }
        && !MentionsBot(slackEvent.Text)
        && AnswerAbove(slackEvent) is not null;

    /// <summary>
    /// A channel message in someone's thread, seen before <c>auth.test</c> has said who the bot is
    /// (the first moments after a start): it may be a follow-up under one of the bot's answers from
    /// before, which only the parent's author tells, so it is kept until the bot knows itself.
    /// </summary>
    public bool MayFollowAnAnswer(SlackEvent slackEvent) =>
        identity.BotUserId is null
        && slackEvent is { Type: "message", ChannelType: "channel" or "group", ThreadTs: { } parent, ParentUserId: not null }
        && parent != slackEvent.Ts;

    private bool MentionsBot(string text) => identity.BotUserId is { } bot && text.Contains("<@" + bot, StringComparison.Ordinal);

    private static string AnswerId(string channelId, string ts) => channelId + "/" + ts;
}
