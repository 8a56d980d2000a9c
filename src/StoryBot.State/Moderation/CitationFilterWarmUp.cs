using Microsoft.Extensions.Hosting;
using StoryBot.Core.Conversation;

namespace StoryBot.State.Moderation;

/// <summary>
/// Reads the disabled citations once at start, so that answers have a filter to fall back on
/// should the store go away before the first question (see <see cref="StoreCitationPolicy"/>).
/// </summary>
internal sealed class CitationFilterWarmUp(ICitationPolicy policy) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await policy.GetFilterAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
