using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>
/// Loads the sentence model and the pack's vectors as the host starts, in the background, so the
/// first question does not wait for them: embedding a pack whose vectors are not cached yet takes
/// seconds (a fresh deployment, a new pack).
/// </summary>
internal sealed partial class SemanticWarmUp(PassageIndexCache indexes, ISemanticStage semantic, ILogger<SemanticWarmUp> logger) : BackgroundService, IFinishingWorker
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(
        () =>
        {
            try
            {
                semantic.Similarities(indexes.Current, "warm up");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Answering will try again, and say what failed, on the first question.
                LogWarmUpFailed(exception);
            }
        },
        stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the sentence model and the pack's vectors in advance")]
    private partial void LogWarmUpFailed(Exception exception);
}
