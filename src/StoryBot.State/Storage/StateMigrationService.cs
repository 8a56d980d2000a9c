using Microsoft.Extensions.Hosting;

namespace StoryBot.State.Storage;

/// <summary>Migrates the schema while the host starts, so a broken database stops it early.</summary>
internal sealed class StateMigrationService(IStateDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
