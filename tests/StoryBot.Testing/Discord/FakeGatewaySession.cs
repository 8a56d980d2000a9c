namespace StoryBot.Testing.Discord;

/// <summary>One Gateway session as the fake Discord keeps it: its sequence and every dispatch sent in it.</summary>
public sealed class FakeGatewaySession(string id)
{
    private readonly List<(long Sequence, string Frame)> _dispatched = [];

    public string Id { get; } = id;

    public long LastSequence
    {
        get
        {
            lock (_dispatched)
            {
                return _dispatched.Count == 0 ? 0 : _dispatched[^1].Sequence;
            }
        }
    }

    internal static string Frame(long sequence, string type, string data) =>
        $$"""{"op": 0, "s": {{sequence}}, "t": "{{type}}", "d": {{data}}}""";

    /// <summary>The frame of the session's next dispatch, kept for replay.</summary>
    internal string Record(string type, string data)
    {
        lock (_dispatched)
        {
            var frame = Frame(LastSequence + 1, type, data);
            _dispatched.Add((LastSequence + 1, frame));
            return frame;
        }
    }

    internal IReadOnlyList<string> After(long sequence)
    {
        lock (_dispatched)
        {
            return [.. _dispatched.Where(d => d.Sequence > sequence).Select(d => d.Frame)];
        }
    }
}
