namespace StoryBot.Core.Conversation;

/// <summary>The policy when no moderation state is configured: every excerpt may be cited.</summary>
internal sealed class AllowAllCitationPolicy : ICitationPolicy
{
    public ValueTask<CitationFilter> GetFilterAsync(CancellationToken cancellationToken) => ValueTask.FromResult(CitationFilter.AllowAll);
}
