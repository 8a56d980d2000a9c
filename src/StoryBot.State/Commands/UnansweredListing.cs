using System.Globalization;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Commands;

/// <summary><c>/moderate unanswered [n]</c>: what people asked most that the story does not answer.</summary>
internal sealed class UnansweredListing(IUnansweredQuestions unanswered)
{
    private const int DefaultCount = 10;
    private const int MaxCount = 50;

    public async Task<Reply> ListAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var count = CommandArguments.Count(arguments, DefaultCount, MaxCount);
        var tallies = await unanswered.MostAskedAsync(count, cancellationToken);
        var reply = new ReplyWriter(context);
        if (tallies.Count == 0)
        {
            return reply.Say("No question has gone unanswered yet.", "Bisher blieb keine Frage unbeantwortet.").Build(ReplyKind.Moderation);
        }

        reply.Heading(
            "Questions the story does not answer, most asked first:",
            "Fragen, auf die die Geschichte keine Antwort hat, die häufigsten zuerst:");
        foreach (var tally in tallies)
        {
            reply.Plain(string.Create(CultureInfo.InvariantCulture, $"{tally.Count}× ")).User(tally.Question)
                .Plain($" ({tally.Language.Code()}, ").Say("last ", "zuletzt ").Time(tally.LastAsked).Plain(")").Line();
        }

        return reply.Build(ReplyKind.Moderation);
    }
}
