namespace StoryBot.Core.Platforms;

/// <summary>
/// Turns that a platform limit spaces apart (Discord lets one identify through per bucket every
/// five seconds), kept where every process that shares the state store sees them: processes that
/// split one bot's connections then take turns, instead of each spacing only its own.
/// </summary>
public interface ISpacedTurns
{
    /// <summary>
    /// Claims the next turn under <paramref name="name"/>: <paramref name="earliest"/>, or
    /// <paramref name="spacing"/> after the turn claimed before it under that name, whichever is later.
    /// </summary>
    /// <returns>When the claimed turn is; the caller waits until then.</returns>
    Task<DateTimeOffset> ClaimAsync(string name, DateTimeOffset earliest, TimeSpan spacing, CancellationToken cancellationToken);
}
