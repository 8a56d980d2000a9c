namespace StoryBot.Core.Conversation;

/// <summary>
/// Tasks under way, each forgotten as it ends, so that waiting for everything started so far holds
/// on to none that have finished.
/// </summary>
internal sealed class TaskSet
{
    private readonly HashSet<Task> _tasks = [];

    public void Add(Task task)
    {
        if (task.IsCompleted)
        {
            return;
        }

        lock (_tasks)
        {
            _tasks.Add(task);
        }

        _ = task.ContinueWith(
            finished =>
            {
                lock (_tasks)
                {
                    _tasks.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Ends once every task added so far has ended.</summary>
    public Task WhenAll()
    {
        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        return Task.WhenAll(tasks);
    }
}
