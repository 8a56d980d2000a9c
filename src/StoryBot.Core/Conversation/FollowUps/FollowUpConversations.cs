using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>
/// Follow-up questions within one conversation (<see cref="ChatRequest.ConversationId"/>): reads
/// a question against the turns before it, answers "more" and "which one?" itself, and keeps the
/// turn for the next question. A request outside any conversation is read as it stands; one that
/// opens a conversation from one of the bot's replies (<see cref="ChatRequest.ContinuesFrom"/>)
/// starts with the turns that reply was given after.
/// </summary>
internal sealed class FollowUpConversations(ConversationMemory memory, AnsweredMessages answered, IKnowledgeProvider knowledge, ICitationPolicy policy, IAnswerEngine engine)
{
    private static readonly LocalizedText MoreHeading = new("More from the story:", "Mehr aus der Geschichte:");
    private static readonly LocalizedText NothingMore = new(
        "That is all the story says about it.",
        "Mehr sagt die Geschichte dazu nicht.");

    public FollowUpResolution Resolve(ChatRequest request, string question)
    {
        if (Key(request) is not { } key)
        {
            return FollowUpResolution.Unchanged(question);
        }

        var turns = memory.Turns(key);
        if (turns.Count == 0 && request.ContinuesFrom is { } reply)
        {
            turns = answered.TurnsOf(request.Platform, reply);

            // Kept as the conversation's own, so its next question still leans on them.
            foreach (var turn in turns)
            {
                memory.Remember(key, turn);
            }
        }

        return FollowUpResolver.Resolve(question, turns, knowledge.Current) with { Turns = turns };
    }

    /// <summary>The reply the resolution itself gives ("which one?", "more"), or null when the engine answers.</summary>
    public async Task<Reply?> ReplyAsync(ChatRequest request, FollowUpResolution resolution, Language language, CancellationToken cancellationToken)
    {
        switch (resolution.Kind)
        {
            case FollowUpKind.Ambiguous:
                var names = string.Join(language == Language.German ? " oder " : " or ", resolution.Candidates);
                return ReplyComposer.Message(
                    request.Text,
                    language,
                    ReplyKind.Help,
                    language == Language.German ? $"Wen meinen Sie: {names}?" : $"Who do you mean: {names}?");
            case FollowUpKind.More when resolution.Turns.Count > 0:
                return await MoreAsync(request.Text, language, resolution.Turns, await policy.GetFilterAsync(cancellationToken), cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>Keeps the turn, so the next question can lean on it.</summary>
    public void Remember(ChatRequest request, FollowUpResolution resolution, Reply reply)
    {
        if (Key(request) is not { } key)
        {
            return;
        }

        if (resolution.Kind == FollowUpKind.Ambiguous)
        {
            // Kept as it was asked: the name the next turn gives is written into it.
            memory.Remember(key, new ConversationTurn(resolution.Question, reply.Language, [], [], Unresolved: true));
            return;
        }

        // "more" is about what the turn before was about, and has now cited more of it.
        var turn = resolution is { Kind: FollowUpKind.More, Previous: { } previous }
            ? new ConversationTurn(
                resolution.Question,
                reply.Language,
                previous.EntityIds,
                [.. previous.CitedExcerptIds.Concat(reply.Citations.Select(c => c.Id)).Distinct(StringComparer.Ordinal)])
            : new ConversationTurn(
                resolution.Question,
                reply.Language,
                [.. EntitiesOf(resolution.Question, reply, knowledge.Current).Select(e => e.Id)],
                [.. reply.Citations.Select(c => c.Id)]);
        memory.Remember(key, turn);
    }

    /// <summary>
    /// What a turn named: the question's entities and, when it named no person ("who runs DOGE?"),
    /// the people its answer's first line names, so "and what did he claim?" means the one the
    /// answer was.
    /// </summary>
    private static IEnumerable<Entity> EntitiesOf(string question, Reply reply, KnowledgePack pack)
    {
        var named = MentionedEntities.In(question, pack);
        if (reply.Kind != ReplyKind.Answer || named.Any(e => e.Kind == EntityKind.Person))
        {
            return named;
        }

        return named.Concat(MentionedEntities.In(FirstLine(reply), pack).Where(e => e.Kind == EntityKind.Person && !named.Contains(e)));
    }

    /// <summary>The reply's first line, from its runs: the whole text, quotes and all, is not needed.</summary>
    private static string FirstLine(Reply reply)
    {
        var line = new System.Text.StringBuilder();
        foreach (var run in reply.Body)
        {
            var end = run.Text.IndexOf('\n', StringComparison.Ordinal);
            if (end >= 0)
            {
                return line.Append(run.Text, 0, end).ToString();
            }

            line.Append(run.Text);
        }

        return line.ToString();
    }

    /// <summary>
    /// The rest of the paragraphs the last answer quoted from, excerpt by excerpt, each cited; where
    /// they hold nothing more, what the engine cites for the last question that was not cited yet;
    /// failing that, what the conversation's earlier answers cited that the last one did not (after
    /// "where did he post this?", "more sources" is about what the conversation asked first).
    /// </summary>
    private async Task<Reply> MoreAsync(string question, Language language, IReadOnlyList<ConversationTurn> turns, CitationFilter filter, CancellationToken cancellationToken)
    {
        var pack = knowledge.Current;
        var last = turns[^1];
        var cited = last.CitedExcerptIds.ToHashSet(StringComparer.Ordinal);
        var quoted = last.CitedExcerptIds
            .Select(id => pack.TryGetExcerpt(id, out var excerpt) ? excerpt : null)
            .OfType<Excerpt>()
            .Select(e => (e.SourceId, e.Paragraph))
            .ToHashSet();
        var points = pack.Excerpts
            .Where(e => quoted.Contains((e.SourceId, e.Paragraph)) && !cited.Contains(e.Id))
            .OrderBy(e => e.SourceId, StringComparer.Ordinal).ThenBy(e => e.Paragraph).ThenBy(e => e.Start)
            .Select(Point)
            .ToList();
        if (points.Count == 0)
        {
            // Only what the engine itself would cite for the last question: its runners-up were
            // tried and cited the wrong passage more often than the right one.
            var again = await engine.AskAsync(last.Question, last.Language, cancellationToken);
            points = [.. Uncited(again.Citations.Select(c => c.Id), cited, pack)];
        }

        for (var earlier = turns.Count - 2; points.Count == 0 && earlier >= 0; earlier--)
        {
            points = [.. Uncited(turns[earlier].CitedExcerptIds, cited, pack)];
        }

        var reply = ReplyComposer.Compose(question, language, MoreHeading, points, pack, filter);
        return reply.Kind == ReplyKind.Answer ? reply : ReplyComposer.Message(question, language, ReplyKind.Help, NothingMore.In(language));
    }

    private static IEnumerable<AnswerPoint> Uncited(IEnumerable<string> excerptIds, HashSet<string> cited, KnowledgePack pack) =>
        excerptIds.Where(id => !cited.Contains(id) && pack.TryGetExcerpt(id, out _)).Distinct(StringComparer.Ordinal).Select(id => Point(pack.Excerpt(id)));

    private static AnswerPoint Point(Excerpt excerpt) => new(new LocalizedText(excerpt.Translation, excerpt.Quote), [excerpt.Id]);

    /// <summary>A conversation is never shared across platforms or channels.</summary>
    internal static string? Key(ChatRequest request) => Key(request.Platform, request.ChannelId, request.ConversationId);

    /// <inheritdoc cref="Key(ChatRequest)"/>
    internal static string? Key(string platform, string channelId, string? conversationId) =>
        conversationId is { Length: > 0 } id ? $"{platform}\n{channelId}\n{id}" : null;
}
