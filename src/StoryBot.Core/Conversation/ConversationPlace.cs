using StoryBot.Core.Telemetry;

namespace StoryBot.Core.Conversation;

/// <summary>
/// A message's place in its conversation's line (<see cref="ConversationOrder"/>). Its answer is
/// worked out once the message before has its answer (<see cref="EnqueueInOrder"/> hands it to the
/// work lane only then, and <see cref="ConversationPipeline"/> waits for it too), so a follow-up leans
/// on that turn; its post is handed on once the message before is posted (<see cref="PostInOrder"/>). Disposing it says nothing more will be posted for the message,
/// unless a post was handed on, which lets the next message go once it has run: so a message
/// dropped on any path (seen before, over the limit, failed, the host stopping) never holds up its
/// conversation.
/// </summary>
public sealed class ConversationPlace : IDisposable
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _posted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _earlierPosted;
    private readonly Action? _left;
    private int _handedOn;

    /// <param name="earlierAnswered">Done once the message before has its answer.</param>
    /// <param name="earlierPosted">Done once the message before is posted, or will not be.</param>
    /// <param name="left">Called once this message is done with, so its conversation may be forgotten.</param>
    internal ConversationPlace(Task earlierAnswered, Task earlierPosted, Action? left)
    {
        EarlierAnswered = earlierAnswered;
        _earlierPosted = earlierPosted;
        _left = left;
    }

    /// <summary>A place that waits for nothing: a message outside any conversation.</summary>
    public static ConversationPlace Alone() => new(Task.CompletedTask, Task.CompletedTask, left: null);

    /// <summary>Done once the message before this one has its answer.</summary>
    internal Task EarlierAnswered { get; }

    internal Task WhenAnswered => _answered.Task;

    internal Task WhenPosted => _posted.Task;

    /// <summary>
    /// Hands <paramref name="work"/> (answering the message) to <paramref name="lane"/> once the
    /// message before has its answer, waiting on no worker meanwhile: a conversation with a slow
    /// answer and many messages behind it never holds the workers other conversations need. When the
    /// lane takes no more (the host is stopping), the message is done with here.
    /// </summary>
    public void EnqueueInOrder(WorkLane lane, string description, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(lane);
        var trace = RequestTrace.Current;
        void Join()
        {
            if (!lane.TryEnqueue(description, work, trace))
            {
                Dispose();
            }
        }

        if (EarlierAnswered.IsCompleted)
        {
            Join();
            return;
        }

        _ = EarlierAnswered.ContinueWith(_ => Join(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>This message has its answer (or has none): the next one may be answered.</summary>
    public void Answered() => _answered.TrySetResult();

    /// <summary>
    /// Hands <paramref name="post"/> on through <paramref name="enqueue"/> (the platform's channel
    /// turn) once the messages before this one are posted, waiting on no worker meanwhile; the next
    /// message's post follows once this one has run, whether it posted or failed.
    /// </summary>
    public void PostInOrder(Action<Func<CancellationToken, Task>> enqueue, Func<CancellationToken, Task> post)
    {
        ArgumentNullException.ThrowIfNull(enqueue);
        ArgumentNullException.ThrowIfNull(post);
        Interlocked.Exchange(ref _handedOn, 1);
        Answered();
        Func<CancellationToken, Task> inOrder = async cancellationToken =>
        {
            try
            {
                await post(cancellationToken);
            }
            finally
            {
                Done();
            }
        };

        if (_earlierPosted.IsCompleted)
        {
            enqueue(inOrder);
            return;
        }

        // The continuation runs in the execution context of this call, so the post keeps its request's trace.
        _ = _earlierPosted.ContinueWith(_ => enqueue(inOrder), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Nothing more will be posted for this message, unless a post was handed on: then its run says so.</summary>
    public void Dispose()
    {
        if (Volatile.Read(ref _handedOn) == 0)
        {
            Done();
        }
    }

    private void Done()
    {
        _answered.TrySetResult();
        if (_posted.TrySetResult())
        {
            _left?.Invoke();
        }
    }
}
