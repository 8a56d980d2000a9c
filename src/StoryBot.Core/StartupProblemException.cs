namespace StoryBot.Core;

/// <summary>
/// Something a person must fix before the bot can start (a setting, the state database). Its
/// message names the setting and what is wrong, holds no secret, and is printed as it is.
/// </summary>
public sealed class StartupProblemException : Exception
{
    public StartupProblemException()
    {
    }

    public StartupProblemException(string message)
        : base(message)
    {
    }

    public StartupProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A check the host runs before it starts anything, so that what can be found wrong at start-up
/// is reported as one plain <see cref="StartupProblemException"/> instead of a failed hosted service.
/// </summary>
public interface IStartupCheck
{
    Task CheckAsync(CancellationToken cancellationToken);
}
