using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using StoryBot.Core.Answering;

namespace StoryBot.State.Moderation;

/// <summary>A posted reply kept as JSON so a correction can rebuild it exactly as it was.</summary>
internal static class ReplyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    // A reply the reply cache hands out again is recorded once per posting: the same instance,
    // immutable, so its JSON is worked out once.
    private static readonly ConditionalWeakTable<Reply, string> Serialized = new();

    public static string Serialize(Reply reply) => Serialized.GetValue(reply, static reply => JsonSerializer.Serialize(reply, Options));

    public static Reply Deserialize(string json) =>
        JsonSerializer.Deserialize<Reply>(json, Options) ?? throw new JsonException("A stored reply is empty.");
}
