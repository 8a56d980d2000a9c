using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>One statement of an answer with the excerpts that back it, best first.</summary>
internal sealed record AnswerPoint(LocalizedText Statement, IReadOnlyList<string> Citations, Attribution? Attribution = null);
