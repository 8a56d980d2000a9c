using Microsoft.Extensions.Hosting;

namespace StoryBot.State.Storage;

/// <summary>
/// Applies, while the host starts, the state writes the last run left waiting for the store.
/// Added right after <see cref="StateMigrationService"/>, so the schema is there and nothing has
/// read the state yet: the journal's unfinished work, which a restart resumes, may be among them.
/// </summary>
internal sealed class StateWriteReplayService(DeferredStateWrites deferred) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => deferred.ReplayLeftOverAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
