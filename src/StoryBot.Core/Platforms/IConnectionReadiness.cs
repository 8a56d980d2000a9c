namespace StoryBot.Core.Platforms;

/// <summary>
/// Whether a platform connection can take questions now, as the connection's own loop last
/// published it. Readiness probes ask many times a minute, so it answers from state the
/// connection keeps anyway: no I/O, and no lock the connection's work takes.
/// </summary>
public interface IConnectionReadiness
{
    /// <summary>The name readiness reports it under, e.g. <c>discord-gateway</c>.</summary>
    string Name { get; }

    ConnectionReadiness Current { get; }
}
