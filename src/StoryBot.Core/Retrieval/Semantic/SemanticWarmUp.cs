using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>
/// Loads the sentence model and the pack's vectors as the host starts, in the background, so the
/// first question does not wait for them: embedding a pack whose vectors are not cached yet takes
/// seconds (a fresh deployment, a new pack). Each story served is warmed up, the default first.
/// </summary>
internal sealed partial class SemanticWarmUp(PassageIndexCache indexes, ISemanticStage semantic, ILogger<SemanticWarmUp> logger, IKnowledgeProvider? knowledge = null)
    : BackgroundService, IFinishingWorker
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(
        () =>
        {
            try
            {
                var stories = knowledge as IServedStories;
                var packs = stories?.Stories.Select(stories.Find).OfType<KnowledgePack>().ToList() ?? [];
                if (packs.Count == 0)
                {
                    semantic.Similarities(indexes.Current, "warm up");
                }

                foreach (var pack in packs)
                {
                    stoppingToken.ThrowIfCancellationRequested();
                    semantic.Similarities(indexes.For(pack), "warm up");
                }
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
