using System.Collections;
using System.Globalization;

namespace StoryBot.Core.Telemetry;

/// <summary>
/// The log scope of one platform request: which platform, what kind of request and the platform's
/// id for it (an interaction id, an event id, an envelope id; never a user's). Log lines written
/// while it is handled carry it, in the JSON format as properties of the scope; work the request
/// hands off to a <see cref="Conversation.WorkLane"/> carries it along.
/// </summary>
public sealed class RequestScope(string platform, string requestKind, string? requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private static readonly AsyncLocal<RequestScope?> Ambient = new();

    /// <summary>The request being handled here, if any.</summary>
    public static RequestScope? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }

    public string Platform { get; } = platform;

    public string RequestKind { get; } = requestKind;

    public string? RequestId { get; } = requestId;

    public int Count => 3;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("Platform", Platform),
        1 => new("RequestKind", RequestKind),
        2 => new("RequestId", RequestId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => RequestId is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Platform} {RequestKind}")
        : string.Create(CultureInfo.InvariantCulture, $"{Platform} {RequestKind} {RequestId}");
}
