using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Slack.Handling;

/// <summary>The few replies the adapter composes itself, when the chat bot is not asked at all.</summary>
internal static class SlackReplies
{
    public static Reply Cooldown(string question) => new()
    {
        Question = question,
        Language = Language.English,
        Kind = ReplyKind.Notice,
        Body = [TextRun.Plain("You are asking faster than I can answer. Please wait a few seconds and try again.")],
    };

    public static Reply Failure(string question) => new()
    {
        Question = question,
        Language = Language.English,
        Kind = ReplyKind.Error,
        Body = [TextRun.Plain("Sorry, something went wrong while answering that. Please try again in a moment.")],
    };
}
