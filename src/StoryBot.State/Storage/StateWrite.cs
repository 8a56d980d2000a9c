using System.Text.Json;
using System.Text.Json.Serialization;

namespace StoryBot.State.Storage;

/// <summary>
/// A state write as data, so that it can wait for the store in a file and outlive the process:
/// its <see cref="Kind"/> names the <see cref="IStateWriteKind"/> that applies it, <see cref="Data"/>
/// is what that kind needs (JSON), <see cref="Id"/> lets a kind with no natural key apply it once
/// however often it is tried, and <see cref="Key"/> is the journaled request it stands for, if any.
/// </summary>
public sealed record StateWrite(string Kind, string Data)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    // Time-ordered (version 7) rather than random: a kind that keys its rows by the id appends to
    // the end of that unique index instead of dirtying a page anywhere in it on every commit.
    public string Id { get; init; } = Guid.CreateVersion7().ToString("N");

    public string? Key { get; init; }

    public static StateWrite Of<T>(string kind, T data) => new(kind, JsonSerializer.Serialize(data, Json));

    public T DataAs<T>() =>
        JsonSerializer.Deserialize<T>(Data, Json) ?? throw new JsonException($"A state write of kind {Kind} has no data.");
}

/// <summary>
/// Applies the <see cref="StateWrite"/>s of one kind. Applying one again, after a crash between its
/// commit and its being marked done, must change nothing (a natural key, or the write's id).
/// Register with <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IStateWriteKind, MyWrite&gt;())</c>;
/// it must not depend on <see cref="DeferredStateWrites"/>.
/// </summary>
public interface IStateWriteKind
{
    string Kind { get; }

    /// <returns>Whether the store changed: false when it had the write (or its key) already.</returns>
    Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken);
}
