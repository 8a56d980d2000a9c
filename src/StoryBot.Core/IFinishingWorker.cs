namespace StoryBot.Core;

/// <summary>
/// A hosted worker whose work may end while the host runs: a warm-up, a check made once, a
/// platform that is not configured or has been turned off. Liveness counts any other hosted worker
/// that ends before the host stops as stopped.
/// </summary>
public interface IFinishingWorker
{
}
