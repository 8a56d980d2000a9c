namespace StoryBot.Core.Conversation;

/// <summary>
/// One accepted request as its handler carries it to the end: the handler says when posting starts
/// and when the request is done. <see cref="None"/> is for requests nothing acknowledged (the console).
/// </summary>
public sealed class WorkTicket
{
    private readonly IWorkJournal? _journal;

    public WorkTicket(IWorkJournal journal, AcceptedWork work)
    {
        _journal = journal;
        Work = work;
    }

    private WorkTicket()
    {
    }

    public static WorkTicket None { get; } = new();

    public AcceptedWork? Work { get; }

    /// <summary>Whether an earlier run had started posting this answer, which may be on the platform already.</summary>
    public bool MayBePosted => Work?.PostingStarted == true;

    public Task PostingAsync(CancellationToken cancellationToken) =>
        _journal is null || Work is null ? Task.CompletedTask : _journal.MarkPostingAsync(Work.Key, cancellationToken);

    public Task CompleteAsync(CancellationToken cancellationToken) =>
        _journal is null || Work is null ? Task.CompletedTask : _journal.CompleteAsync(Work.Key, cancellationToken);
}
