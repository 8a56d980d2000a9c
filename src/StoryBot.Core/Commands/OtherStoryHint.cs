using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Commands;

/// <summary>
/// Where one host serves several stories, a question the channel's story does not answer but another
/// story does is most likely asked in the wrong place: the abstention then says which story answers it
/// and where to ask (a direct message for the default story, and the command a moderator uses to switch
/// the channel). Only abstentions pay for the other stories' answers; a host serving one story never does.
/// </summary>
internal sealed class OtherStoryHint(IKnowledgeProvider knowledge, IAnswerEngine engine)
{
    public async Task<Reply> AddToAsync(Reply abstention, string question, Language? preferred, CancellationToken cancellationToken)
    {
        if (!abstention.Abstained || knowledge is not IServedStories { Stories.Count: > 1 } served)
        {
            return abstention;
        }

        var current = knowledge.Current.Story.Id;
        foreach (var other in served.Stories.Where(story => story != current))
        {
            Reply elsewhere;
            using (StoryScope.Enter(other))
            {
                elsewhere = await engine.AskAsync(question, preferred, cancellationToken);
            }

            if (elsewhere.Kind == ReplyKind.Answer && served.Find(other) is { } pack)
            {
                return abstention with { Body = [.. abstention.Body, .. Hint(pack.Story, other == served.DefaultStory, abstention.Language)] };
            }
        }

        return abstention;
    }

    private static IEnumerable<TextRun> Hint(StoryProfile story, bool isDefault, Language language)
    {
        var german = language == Language.German;
        yield return TextRun.Plain(german ? "\n\nDas klingt nach einer Frage zu " : "\n\nThat sounds like a question about ");
        yield return TextRun.Strong(story.Title.In(language));
        yield return TextRun.Plain(german ? ", einer anderen Geschichte, die ich verfolge: " : ", another story I follow: ");
        yield return TextRun.Plain(isDefault
            ? german ? "Fragen Sie mich dazu in einer Direktnachricht oder in einem Kanal zu dieser Geschichte. " : "ask me about it in a direct message or in a channel that follows it. "
            : german ? "Fragen Sie mich dazu in einem Kanal zu dieser Geschichte. " : "ask me about it in a channel that follows it. ");
        yield return TextRun.Plain(german ? "Moderatoren stellen diesen Kanal mit " : "Moderators switch this channel with ");
        yield return TextRun.Strong($"{ModeratorCommand.Line} story {story.Id}");
        yield return TextRun.Plain(german ? " um." : ".");
    }
}
