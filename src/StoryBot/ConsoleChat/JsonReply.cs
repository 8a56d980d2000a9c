using System.Text.Json;
using System.Text.Json.Serialization;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.ConsoleChat;

/// <summary>The one-line JSON contract of <c>ask --json</c> that scripts and tests rely on.</summary>
internal sealed record JsonReply(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("abstained")] bool Abstained,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("citations")] IReadOnlyList<JsonCitation> Citations)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>With <c>--explain</c>: the evidence per candidate excerpt and the decision.</summary>
    [JsonPropertyName("explain")]
    public AnswerExplanation? Explain { get; init; }

    public static string Serialize(string question, Reply reply, bool explain = false) =>
        JsonSerializer.Serialize(
            new JsonReply(
                question,
                reply.Language.Code(),
                reply.Abstained,
                reply.Text,
                [.. reply.Citations.Select(c => new JsonCitation(c.Id, c.Source, c.Paragraph, c.Quote, c.Translation))])
            {
                Explain = explain ? reply.Explanation : null,
            },
            Options);
}

internal sealed record JsonCitation(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("paragraph")] int Paragraph,
    [property: JsonPropertyName("quote")] string Quote,
    [property: JsonPropertyName("translation")] string Translation);
