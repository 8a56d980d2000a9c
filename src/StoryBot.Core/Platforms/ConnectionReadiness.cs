namespace StoryBot.Core.Platforms;

public enum ConnectionState
{
    /// <summary>Nothing arrives over this connection now.</summary>
    Down,

    /// <summary>Questions arrive, over fewer connections than configured.</summary>
    Partial,

    Up,
}

/// <param name="Description">For operators: what the connection is doing, never a token or an address with credentials.</param>
public readonly record struct ConnectionReadiness(ConnectionState State, string Description)
{
    public static ConnectionReadiness Up(string description) => new(ConnectionState.Up, description);

    public static ConnectionReadiness Partial(string description) => new(ConnectionState.Partial, description);

    public static ConnectionReadiness Down(string description) => new(ConnectionState.Down, description);
}
