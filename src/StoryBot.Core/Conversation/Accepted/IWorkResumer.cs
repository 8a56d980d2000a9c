namespace StoryBot.Core.Conversation;

/// <summary>A platform's way of answering, after a restart, a request it had acknowledged before.</summary>
public interface IWorkResumer
{
    /// <summary>The <see cref="AcceptedWork.Platform"/> it resumes.</summary>
    string Platform { get; }

    /// <summary>Answers <paramref name="ticket"/>'s request as if it had just arrived, already acknowledged.</summary>
    Task ResumeAsync(WorkTicket ticket, CancellationToken cancellationToken);
}
