using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>One statement of an answer with the excerpts that back it, best first.</summary>
internal sealed record AnswerPoint(LocalizedText Statement, IReadOnlyList<string> Citations, Attribution? Attribution = null)
{
    /// <summary>What earlier reports said that this statement corrects, newest first; each is said and cited after it.</summary>
    public IReadOnlyList<EarlierReport> Earlier { get; init; } = [];
}

/// <summary>A statement of an earlier source that a newer one corrects, with the source to name.</summary>
internal sealed record EarlierReport(AnswerPoint Point, SourceDocument Source);
