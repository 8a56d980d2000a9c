using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Everything a platform's overview page of the bot shows one user (Slack's Home tab): what the
/// story is, its summary as <c>/summary</c> gives it, the commands as <c>/help</c> lists them, and
/// for a moderator how many reports wait.
/// </summary>
/// <param name="OpenReports">Null for anyone but a moderator, and where there is no reports queue.</param>
public sealed record StoryOverview(Language Language, string Title, string Description, Reply Summary, Reply Commands, int? OpenReports);
