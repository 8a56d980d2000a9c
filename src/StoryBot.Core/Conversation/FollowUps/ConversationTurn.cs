using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>One question of a conversation as the bot understood it, and what its answer cited.</summary>
/// <param name="Question">The question as answered, after follow-up resolution.</param>
/// <param name="EntityIds">The story's entities the question named, in the order it named them.</param>
/// <param name="CitedExcerptIds">The excerpts the answer cited, first citation first.</param>
/// <param name="Unresolved">A question the bot answered by asking which person was meant: the next turn may name one.</param>
public sealed record ConversationTurn(string Question, Language Language, IReadOnlyList<string> EntityIds, IReadOnlyList<string> CitedExcerptIds, bool Unresolved = false);
