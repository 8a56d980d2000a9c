using CsCheck;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Interactions;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Discord.Tests;

/// <summary>
/// Any signed body reaches the interaction parser only through <see cref="JsonPayload"/>, and from
/// there nothing throws: a body is an interaction or null (a 400), and an interaction is a chat
/// request or null.
/// </summary>
public sealed class InteractionFuzzTests
{
    private static readonly Gen<string> Option = JsonInputs.ObjectOf(
        ("name", JsonInputs.StringOf("name", "query", "disable", "source", "reason")),
        ("type", JsonInputs.NumberOf(1, 2, 3)),
        ("value", JsonInputs.StringOf("altman", "who is musk?\n/report")),
        ("options", JsonInputs.ArrayOf(JsonInputs.ObjectOf(("name", JsonInputs.StringOf("query")), ("value", JsonInputs.Any)))));

    private static readonly Gen<string> Interactions = JsonInputs.ObjectOf(
        ("id", JsonInputs.StringOf("1")),
        ("application_id", JsonInputs.StringOf("2")),
        ("type", JsonInputs.NumberOf(1, 2, 3, 4, 5)),
        ("token", JsonInputs.StringOf("tok")),
        ("channel_id", JsonInputs.StringOf("3")),
        ("guild_id", JsonInputs.StringOf("4")),
        ("member", JsonInputs.ObjectOf(
            ("user", JsonInputs.ObjectOf(("id", JsonInputs.StringOf("5")))),
            ("permissions", JsonInputs.StringOf("8", "18446744073709551616", "-1")),
            ("roles", JsonInputs.ArrayOf(JsonInputs.StringOf("6"))))),
        ("data", JsonInputs.ObjectOf(
            ("name", JsonInputs.StringOf("who-is", "ask", "sources", "report", "Report answer")),
            ("type", JsonInputs.NumberOf(1, 3)),
            ("custom_id", JsonInputs.StringOf("storybot:report")),
            ("target_id", JsonInputs.StringOf("7")),
            ("options", JsonInputs.ArrayOf(Option)))),
        ("message", JsonInputs.ObjectOf(("id", JsonInputs.StringOf("8")))));

    [Fact]
    public void AnyBodyIsAnInteractionOrNullAndAnyInteractionAChatRequestOrNull() =>
        Gen.Select(JsonInputs.Bytes(Interactions), Gen.Bool).Sample((bytes, isModerator) =>
        {
            if (JsonPayload.TryParse(bytes, out var root) && Interaction.TryParse(root) is { } interaction)
            {
                // A line break would let one option's value start a second command line.
                var text = CommandLine.ToRequest(interaction, isModerator)?.Text ?? string.Empty;
                Assert.DoesNotContain('\n', text);
                Assert.DoesNotContain('\r', text);
            }
        }, iter: 2000);
}
