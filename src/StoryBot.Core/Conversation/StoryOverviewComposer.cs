using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Builds a <see cref="StoryOverview"/> by asking the chat bot for <c>/summary</c> and <c>/help</c>,
/// so the overview says exactly what those commands say (and passes the same quote check).
/// </summary>
public sealed class StoryOverviewComposer(IChatBot bot, IKnowledgeProvider knowledge, IOpenReports? reports = null)
{
    public const string SummaryCommand = "/summary";
    public const string HelpCommand = "/help";

    /// <param name="viewer">Who the overview is for, as the adapter would ask on their behalf (its text is ignored).</param>
    public async Task<StoryOverview> ComposeAsync(ChatRequest viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var summary = await bot.RespondAsync(viewer with { Text = SummaryCommand }, cancellationToken);

        // The summary's language is the one the bot chose for this viewer; everything else follows it.
        var language = summary.Language;
        var commands = await bot.RespondAsync(viewer with { Text = HelpCommand, PreferredLanguage = language }, cancellationToken);
        int? openReports = viewer.IsModerator && reports is not null ? await reports.CountAsync(cancellationToken) : null;
        var story = knowledge.Current.Story;
        return new StoryOverview(language, story.Title.In(language), story.Description.In(language), summary, commands, openReports);
    }
}
