namespace StoryBot.Core.Knowledge;

/// <summary>
/// The pack in service right now. A reload swaps it atomically; readers take
/// <see cref="Current"/> once per answer and use that snapshot throughout.
/// </summary>
public interface IKnowledgeProvider
{
    KnowledgePack Current { get; }
}
