using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>
/// Reads a question against the turns before it, in English and German: a pronoun for a person
/// named before gets that person's name written in; an elliptic question ("and Altman?", "und
/// wann?", "when was that?") is the earlier question asked again with what is new; "more" asks
/// for more of the last answer; a question that names what it is about stands on its own. A
/// pronoun that could mean either of two people is not guessed.
/// </summary>
public static partial class FollowUpResolver
{
    /// <summary>A follow-up is short; a longer question without a name is read as it stands.</summary>
    private const int MaxElliptic = 8;
    private const int MaxTopicWords = 12;

    /// <summary>A reply to "which one?" is a name in a few words.</summary>
    private const int MaxChoiceWords = 6;

    public static FollowUpResolution Resolve(string question, IReadOnlyList<ConversationTurn> turns, KnowledgePack pack)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(pack);
        if (turns.Count == 0)
        {
            return FollowUpResolution.Unchanged(question);
        }

        if (MoreRequest().IsMatch(question.Trim()))
        {
            return new FollowUpResolution(FollowUpKind.More, turns[^1].Question, [])
            {
                Language = GermanMore().IsMatch(question) ? Language.German : Language.English,
            };
        }

        var words = FollowUpWords.Of(question);
        var named = MentionedEntities.In(question, pack);
        var last = turns[^1];
        if (DayWithoutItsEvent(question))
        {
            // "what happened the day before", "und am Tag danach?": the day is counted from what the
            // turn before was about (without a day that turn counted itself).
            var before = RelativeDay.Read(last.Question)?.Anchor ?? last.Question;
            var own = string.Join(' ', words.Where(w => !FollowUpWords.Openers.Contains(w)));
            return new FollowUpResolution(FollowUpKind.Ellipsis, $"{own} {TopicOf(before, own)}".Trim(), []);
        }

        var refers = words.Any(FollowUpWords.References.Contains);
        if (named.Count > 0)
        {
            // "and Altman?", "und SoftBank?": a name and hardly anything else; after "which one?", the one.
            var rest = words.Where(w => !FollowUpWords.Openers.Contains(w) && !named.Any(e => Names(e).Contains(w))).ToList();
            var elliptic = rest.Count <= 2 && ((words.Count > 0 && FollowUpWords.Openers.Contains(words[0])) || rest.All(FollowUpWords.QuestionWords.Contains));

            // "the elon one i mean", "den Musk meine ich": after "which one?", a short reply naming one is the choice.
            elliptic |= last.Unresolved && named is [{ Kind: EntityKind.Person }] && words.Count <= MaxChoiceWords;
            if (elliptic)
            {
                return new FollowUpResolution(FollowUpKind.Ellipsis, last.Unresolved ? WriteIn(last.Question, named[0]) : Replace(last, named[0], pack), []);
            }

            // "what did Altman say to that": the name is new, what it answers is the turn before.
            // "what did he claim about SoftBank": the name is what is asked about; "he" is still to resolve.
            if (!words.Any(FollowUpWords.PersonPronouns.Contains))
            {
                return refers && words.Count <= MaxElliptic
                    ? new FollowUpResolution(FollowUpKind.Ellipsis, $"{question} {TopicOf(last.Question, question)}", [])
                    : FollowUpResolution.Unchanged(question);
            }
        }

        if (words.Any(FollowUpWords.PersonPronouns.Contains))
        {
            // "what did Altman say to him": the pronoun is someone other than the one the question names.
            var people = LastEntities(turns, pack, e => e.Kind == EntityKind.Person && !named.Contains(e));
            return people.Count switch
            {
                1 => new FollowUpResolution(FollowUpKind.Pronoun, WriteIn(question, people[0]), []),
                > 1 => new FollowUpResolution(FollowUpKind.Ambiguous, question, [.. people.Select(p => p.Name)]),
                _ => FollowUpResolution.Unchanged(question),
            };
        }

        if (words.Any(FollowUpWords.ThingPronouns.Contains) && LastEntities(turns, pack, e => e.Kind != EntityKind.Person) is [var thing, ..])
        {
            return new FollowUpResolution(FollowUpKind.Pronoun, ThingPronoun().Replace(question, thing.Name), []);
        }

        var opens = words.Count > 0 && FollowUpWords.Openers.Contains(words[0]);
        var bare = words.Count <= 3 && words.Any(FollowUpWords.QuestionWords.Contains);
        if ((refers || opens || bare) && words.Count <= MaxElliptic)
        {
            var own = string.Join(' ', words.Where(w => !FollowUpWords.Openers.Contains(w) && !FollowUpWords.References.Contains(w)));
            return new FollowUpResolution(FollowUpKind.Ellipsis, $"{own} {TopicOf(last.Question, own)}".Trim(), []);
        }

        return FollowUpResolution.Unchanged(question);
    }

    /// <summary>A day counted from an event ("the day before") with nothing left to name the event.</summary>
    private static bool DayWithoutItsEvent(string question) =>
        RelativeDay.Read(question) is { } day
        && FollowUpWords.Of(day.Anchor).All(word => FollowUpWords.QuestionWords.Contains(word) || FollowUpWords.Openers.Contains(word)
            || FollowUpWords.References.Contains(word) || Lexicon.Default.IsStopWord(word));

    /// <summary>The entities of the latest turn that named any of the kind, in the order it named them.</summary>
    private static List<Entity> LastEntities(IReadOnlyList<ConversationTurn> turns, KnowledgePack pack, Func<Entity, bool> kind)
    {
        for (var i = turns.Count - 1; i >= 0; i--)
        {
            var people = turns[i].EntityIds
                .Select(pack.FindEntity)
                .OfType<Entity>()
                .Where(kind)
                .ToList();
            if (people.Count > 0)
            {
                return people;
            }
        }

        return [];
    }

    /// <summary>The earlier question with its first entity's name replaced by the new one, or the new one before it.</summary>
    private static string Replace(ConversationTurn last, Entity entity, KnowledgePack pack)
    {
        if (last.EntityIds.Count > 0 && pack.FindEntity(last.EntityIds[0]) is { } before)
        {
            foreach (var name in before.Aliases.Prepend(before.Name).OrderByDescending(n => n.Length))
            {
                var at = last.Question.IndexOf(name, StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    return string.Concat(last.Question.AsSpan(0, at), entity.Name, last.Question.AsSpan(at + name.Length));
                }
            }
        }

        return $"{entity.Name} {WithoutQuestionWord(last.Question)}";
    }

    /// <summary>Each person pronoun replaced by the person's family name (a possessive by its genitive).</summary>
    private static string WriteIn(string question, Entity person)
    {
        var name = person.Name.Split(' ')[^1];
        return Pronoun().Replace(question, match => match.Value.ToLowerInvariant() switch
        {
            "his" or "hers" => name + "'s",
            "sein" or "seine" or "seinen" or "seinem" or "seiner" or "seines" => name + "s",
            _ => name,
        });
    }

    /// <summary>
    /// What the earlier question was about, without what it asked: its words less its question
    /// words, the words that framed its kind of answer ("laut wem", "how much") and the words the
    /// follow-up says itself, so the follow-up's own question decides what kind of answer it wants.
    /// </summary>
    /// <remarks>
    /// The earlier question may itself be a follow-up read this way: leaving out what the new one
    /// repeats, and keeping at most <see cref="MaxTopicWords"/>, stops "and what did he say to that?"
    /// asked again and again from growing the question each time.
    /// </remarks>
    private static string TopicOf(string question, string followUp)
    {
        var terms = StoryAnalyzers.TermsWithSpans(StoryAnalyzers.Surface, question);
        var (_, frame) = QuestionIntents.Read([.. terms.Select(t => t.Term)]);
        var said = StoryAnalyzers.Terms(StoryAnalyzers.Surface, followUp).ToHashSet(StringComparer.Ordinal);
        var topic = new StringBuilder(question.Length);
        var kept = 0;
        var shownUpTo = 0;
        for (var i = 0; i < terms.Count && kept < MaxTopicWords; i++)
        {
            var (term, start, end) = terms[i];

            // Shown as written (the analyzer folds "über" to "uber"); a word it split shows once.
            var written = question[start..end];
            if (frame.Contains(i) || start < shownUpTo || !said.Add(term)
                || FollowUpWords.QuestionWords.Contains(term) || FollowUpWords.QuestionWords.Contains(written.ToLowerInvariant()))
            {
                continue;
            }

            topic.Append(kept++ == 0 ? string.Empty : " ").Append(written);
            shownUpTo = end;
        }

        return topic.ToString();
    }

    private static string WithoutQuestionWord(string question)
    {
        var words = question.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 0 && FollowUpWords.Of(words[0]) is [var first, ..]
            && (FollowUpWords.QuestionWords.Contains(first) || FollowUpWords.Openers.Contains(first)))
        {
            words.RemoveAt(0);
        }

        return string.Join(' ', words);
    }

    /// <summary>The words of the entity's names, each also in the genitive; worked out once per entity.</summary>
    private static HashSet<string> Names(Entity entity) => EntityWords.GetValue(entity, NamesOf);

    private static readonly ConditionalWeakTable<Entity, HashSet<string>> EntityWords = [];

    private static readonly ConditionalWeakTable<Entity, HashSet<string>>.CreateValueCallback NamesOf = entity =>
        [.. entity.Aliases.Prepend(entity.Name).SelectMany(FollowUpWords.Of).SelectMany(w => new[] { w, w + "s" })];

    [GeneratedRegex(@"\b(he|him|his|himself|she|hers|herself|er|ihn|ihm|sein|seine|seinen|seinem|seiner|seines)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pronoun();

    /// <summary>The German words of a request for more: the rest of the pattern is English.</summary>
    [GeneratedRegex(@"\b(mehr|weitere|erzähl|zeig|bitte|den rest|und)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GermanMore();

    [GeneratedRegex(@"\b(it|its|they|them|their|es|deren|dessen)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThingPronoun();

    [GeneratedRegex(@"^(and\s+|und\s+)?((any\s+|some\s+)?(more|other|further)(\s+(sources?|quotes?|excerpts?|please|pls|info|details))?|tell me more|(show|give)( me)?( the)? (whole|full|entire|rest of the) (paragraph|passage|quote|text)|(show|give)( me)? the rest( of .{0,40})?|the rest|(noch\s+)?mehr( dazu| quellen| zitate| details)?|weitere (quellen|zitate|details)|erzähl( mir)? mehr|zeig( mir| mal)*( den| das)? (ganzen|kompletten|vollständigen|ganze|komplette|vollständige) (absatz|abschnitt|text|zitat|wortlaut)|den rest)(\s+(please|pls|bitte))?[\s?!.]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoreRequest();
}
