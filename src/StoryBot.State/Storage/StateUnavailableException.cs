namespace StoryBot.State.Storage;

/// <summary>
/// The state store could not be reached (refused or broken connection, server shutting down, file
/// that cannot be opened). One type for both providers, so callers that wait or fall back never
/// inspect a provider's exceptions. The message is the provider's, which names no password.
/// </summary>
public sealed class StateUnavailableException : Exception
{
    public StateUnavailableException()
    {
    }

    public StateUnavailableException(string message)
        : base(message)
    {
    }

    public StateUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StateUnavailableException(Exception cause)
        : base(cause?.Message, cause)
    {
    }

    /// <summary>
    /// The connection broke while the transaction was being committed: the store may have made the
    /// change before it went away, and no one can tell until it is back.
    /// </summary>
    public bool MayHaveCommitted { get; init; }
}
