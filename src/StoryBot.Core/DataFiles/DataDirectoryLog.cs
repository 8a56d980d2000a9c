using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StoryBot.Core.DataFiles;

/// <summary>Says at start where the bot's files go, so nobody has to guess what a relative path meant.</summary>
internal sealed partial class DataDirectoryLog(DataDirectory directory, ILogger<DataDirectoryLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDataDirectory(directory.FullPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Data directory (Storage:DataDirectory): {DataDirectory}")]
    private partial void LogDataDirectory(string dataDirectory);
}
