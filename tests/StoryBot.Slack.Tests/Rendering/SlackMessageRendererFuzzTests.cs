using System.Buffers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using StoryBot.Slack.Rendering;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Slack.Tests.Rendering;

/// <summary>Any reply renders without a throw within Slack's limits, and nothing in it is a live mention, link or command.</summary>
public sealed partial class SlackMessageRendererFuzzTests
{
    private static readonly SearchValues<char> UserMarkup = SearchValues.Create("<>*_~`");

    [Fact]
    public void AnyReplyRendersWithinSlacksLimitsWithNothingLive() =>
        Gen.Select(ReplyInputs.Replies, Gen.Bool).Sample((reply, offerReport) =>
        {
            var message = SlackMessageRenderer.Render(reply, offerReport);
            var loneBefore = ReplyInputs.Texts(reply).Any(ReplyInputs.HasLoneSurrogate);

            Assert.InRange(message.Blocks.Count, 0, SlackMessageRenderer.MaxBlocks);
            Assert.InRange(message.Text.Length, 0, SlackMessageRenderer.MaxFallbackText);
            var texts = message.Blocks.SelectMany(Texts).Append(message.Text).ToList();
            foreach (var text in texts)
            {
                Assert.InRange(text.Length, 0, SlackMessageRenderer.MaxSectionText);

                // Mentions, links and <!channel> all start with '<'; every '&' starts one of the three escapes.
                Assert.DoesNotContain('<', text);
                Assert.Matches(EscapesOnly(), text);
                Assert.True(loneBefore || !ReplyInputs.HasLoneSurrogate(text), "a character was cut in half");
            }

            Assert.Equal("none", (string?)message.ToPayload()["parse"]);
        }, iter: 300);

    [Fact]
    public void UserTextNeverFormats() =>
        ReplyInputs.Text.Sample(text =>
        {
            var shown = SlackText.EscapeUserText(text);

            Assert.Equal(-1, shown.AsSpan().IndexOfAny(UserMarkup));
            Assert.Matches(EscapesOnly(), shown);
        }, iter: 1000);

    private static IEnumerable<string> Texts(JsonNode? block) => block switch
    {
        JsonObject { } o when o["type"]?.GetValue<string>() == "mrkdwn" => [o["text"]!.GetValue<string>()],
        JsonObject { } o => o.SelectMany(p => Texts(p.Value)),
        JsonArray { } a => a.SelectMany(Texts),
        _ => [],
    };

    [GeneratedRegex(@"^(?:[^&]|&amp;|&lt;|&gt;)*$", RegexOptions.Singleline)]
    private static partial Regex EscapesOnly();
}
