using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Discord.Conversation;

/// <summary>The one way the adapter asks the bot: the per-user cooldown first, then <see cref="IChatBot"/>.</summary>
internal sealed class DiscordAsker(IChatBot bot, UserCooldown cooldown)
{
    public const string Platform = "discord";

    /// <summary>
    /// The reply, or null when the user is over the limit and was already told. Interactions
    /// must always be answered (Discord shows a failure otherwise), so they pass
    /// <paramref name="mustAnswer"/> and get the (ephemeral) notice again.
    /// </summary>
    public async Task<Reply?> AskAsync(ChatRequest request, bool mustAnswer, CancellationToken cancellationToken)
    {
        return cooldown.Check(Platform, request.UserId) switch
        {
            CooldownVerdict.Allowed => await bot.RespondAsync(request, cancellationToken),
            CooldownVerdict.RefusedWithNotice => CooldownNotice(request),
            _ => mustAnswer ? CooldownNotice(request) : null,
        };
    }

    private static Reply CooldownNotice(ChatRequest request) => new()
    {
        Question = request.Text,
        Language = Language.English,
        Kind = ReplyKind.Notice,
        Body = [TextRun.Plain("You are asking faster than I can keep up with. Please wait a few seconds and ask again.")],
    };
}
