using System.Text.Json;
using System.Text.Json.Nodes;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Rendering;

public class SlackMessageRendererTests
{
    private const string Injection = "<!channel> <!here> <@U0VICTIM> <http://evil.example|slack.com> & co";
    private const string Escaped = "&lt;!channel&gt; &lt;!here&gt; &lt;@U0VICTIM&gt; &lt;http://evil.example|slack.com&gt; &amp; co";

    private static IEnumerable<string> Texts(SlackMessage message)
    {
        yield return message.Text;
        foreach (var node in message.Blocks)
        {
            foreach (var text in TextsOf(node!))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> TextsOf(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "text" && value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        yield return v.GetValue<string>();
                    }
                    else if (value is not null)
                    {
                        foreach (var inner in TextsOf(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in TextsOf(item!))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static void AssertNoLiveMarkup(SlackMessage message)
    {
        foreach (var text in Texts(message))
        {
            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<http", text, StringComparison.Ordinal);
        }
    }

    public class Render
    {
        [Fact]
        public void EscapesInjectionInTheQuestionTheBodyTheQuoteAndTheTranslation()
        {
            var citation = TestReplies.MuskCitation with { Quote = "Zitat " + Injection, Translation = "Quote " + Injection, Attribution = Injection };
            var reply = TestReplies.Answer(Injection, citation);

            var message = SlackMessageRenderer.Render(reply, offerReport: true);

            AssertNoLiveMarkup(message);
            var all = string.Join("\n", Texts(message));
            Assert.Contains(Escaped, all, StringComparison.Ordinal);
            Assert.Contains("Frage", SlackMessageRenderer.Render(TestReplies.Answer("x") with { Language = Language.German }, false).Blocks.ToJsonString(), StringComparison.Ordinal);
        }

        [Fact]
        public void WhatTheUserTypedIsEchoedWithoutLiveFormattingInTheQuestionTheBodyAndTheNotification()
        {
            var reply = TestReplies.Answer("*bold* _it_ ~s~ `x`") with { Body = [TextRun.Plain("I don't know /"), TextRun.User("*boom*"), TextRun.Strong(" here ")] };

            var message = SlackMessageRenderer.Render(reply, offerReport: false);

            var texts = Texts(message).Append(message.Text).ToList();
            Assert.Contains(texts, text => text.Contains("\u2217bold\u2217 \u02CDit\u02CD", StringComparison.Ordinal));
            Assert.Contains(texts, text => text.Contains("\u2217boom\u2217", StringComparison.Ordinal));
            Assert.DoesNotContain(texts, text => text.Contains("*boom*", StringComparison.Ordinal) || text.Contains("_it_", StringComparison.Ordinal));
            Assert.Contains(texts, text => text.Contains("*here*", StringComparison.Ordinal));
        }

        [Fact]
        public void AQuotedLetterWithMoreCombiningMarksThanASectionHoldsIsSplitAndStaysAQuote()
        {
            // Found by SlackMessageRendererFuzzTests: the cut fell right after the quote mark, which
            // was given back to the rest, so the split looped for ever.
            var citation = TestReplies.MuskCitation with { Quote = "a" + new string('\u0301', 5000) };

            var sections = SlackMessageRenderer.Render(TestReplies.Answer("q", citation), offerReport: false).Blocks
                .Where(b => (string?)b!["type"] == "section").Select(b => (string)b!["text"]!["text"]!)
                .Where(text => text.Contains('\u0301', StringComparison.Ordinal)).ToList();

            Assert.True(sections.Count >= 2);
            Assert.All(sections, text => Assert.StartsWith(">", text, StringComparison.Ordinal));
            Assert.All(sections, text => Assert.InRange(text.Length, 2, SlackMessageRenderer.MaxSectionText));
        }

        [Theory]
        [InlineData("a")]
        [InlineData("&")] // escaped as "&amp;": the cut once moved back to nothing and looped for ever
        public void ACharacterWithMoreCombiningMarksThanASectionHoldsIsSplitNotThrown(string letter)
        {
            // A single text element longer than a section: found by SlackMessageRendererFuzzTests.
            var reply = TestReplies.Answer("q") with { Body = [TextRun.User(letter + new string('\u0301', 5000))] };

            var sections = SlackMessageRenderer.Render(reply, offerReport: false).Blocks
                .Where(b => (string?)b!["type"] == "section").Select(b => (string)b!["text"]!["text"]!).ToList();

            Assert.True(sections.Count >= 2);
            Assert.All(sections, text => Assert.InRange(text.Length, 1, SlackMessageRenderer.MaxSectionText));
        }

        [Fact]
        public void StrongRunsAreBoldAndStillEscaped()
        {
            var reply = TestReplies.Answer("q") with { Body = [TextRun.Strong(" <b>Altman</b> "), TextRun.Plain("said")] };

            var body = SlackMrkdwn.RenderRuns(reply.Body);

            Assert.Equal(" *&lt;b&gt;Altman&lt;/b&gt;* said", body);
        }

        [Fact]
        public void AnswerShowsTheQuoteItsParagraphAndTheEnglishRendering()
        {
            var message = SlackMessageRenderer.Render(TestReplies.Answer("who is musk"), offerReport: true);
            var json = message.Blocks.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

            Assert.Contains(">" + TestReplies.MuskQuote, json, StringComparison.Ordinal);
            Assert.Contains("Paragraph 5", json, StringComparison.Ordinal);
            Assert.Contains(TestReplies.MuskCitation.Translation, json, StringComparison.Ordinal);
            Assert.Contains(TestReplies.MuskQuote, message.Text, StringComparison.Ordinal);
            Assert.False(message.Ephemeral);
        }

        [Fact]
        public void WithdrawnCitationIsStruckThroughAndLabelled()
        {
            var reply = TestReplies.Answer("q", TestReplies.MuskCitation with { Withdrawn = true });

            var json = SlackMessageRenderer.Render(reply, offerReport: false).Blocks.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

            Assert.Contains("Withdrawn by a moderator", json, StringComparison.Ordinal);
            Assert.Contains(">~" + TestReplies.MuskQuote + "~", json, StringComparison.Ordinal);
        }

        [Fact]
        public void ReportButtonOnlyWhenOffered()
        {
            var reply = TestReplies.Answer("q");

            Assert.Contains(SlackMessageRenderer.ReportActionId, SlackMessageRenderer.Render(reply, true).Blocks.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(SlackMessageRenderer.ReportActionId, SlackMessageRenderer.Render(reply, false).Blocks.ToJsonString(), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(ReplyKind.Help, true)]
        [InlineData(ReplyKind.Error, true)]
        [InlineData(ReplyKind.Notice, true)]
        [InlineData(ReplyKind.Moderation, true)]
        [InlineData(ReplyKind.Answer, false)]
        [InlineData(ReplyKind.Abstention, false)]
        public void PrivateKindsAreEphemeralAnswersInChannel(ReplyKind kind, bool ephemeral)
        {
            var message = SlackMessageRenderer.Render(TestReplies.Answer("q") with { Kind = kind }, false);

            Assert.Equal(ephemeral, message.Ephemeral);
            Assert.Equal(ephemeral ? "ephemeral" : "in_channel", message.ToResponsePayload()["response_type"]!.GetValue<string>());
        }

        [Fact]
        public void ManyCitationsStayWithinFiftyBlocksAndSayWhatWasLeftOut()
        {
            var citations = Enumerable.Range(1, 40).Select(i => TestReplies.MuskCitation with { Id = $"e{i}" }).ToArray();

            var message = SlackMessageRenderer.Render(TestReplies.Answer("q", citations), offerReport: true);

            Assert.True(message.Blocks.Count <= SlackMessageRenderer.MaxBlocks);
            Assert.Contains("more source(s) did not fit", message.Blocks.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal("actions", message.Blocks[^1]!["type"]!.GetValue<string>());
        }

        [Fact]
        public void LongTextIsSplitIntoSectionsWithinTheLimitWithoutLosingAWord()
        {
            var words = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}&"));
            var citation = TestReplies.MuskCitation with { Quote = words };
            var reply = TestReplies.Answer("q", citation) with { Body = [TextRun.Plain(words)] };

            var message = SlackMessageRenderer.Render(reply, offerReport: false);

            var sections = message.Blocks.Where(b => b!["type"]!.GetValue<string>() == "section")
                .Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();
            Assert.All(sections, text => Assert.True(text.Length <= SlackMessageRenderer.MaxSectionText));
            Assert.All(sections, text => Assert.DoesNotMatch("&(a|am)?$", text));
            var quoteWords = sections.Where(s => s.StartsWith('>')).SelectMany(s => s.Split(['>', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).ToList();
            Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"w{i}&amp;"), quoteWords);
            Assert.True(message.Text.Length <= SlackMessageRenderer.MaxFallbackText);
        }

        [Theory]
        [InlineData(ReplyKind.Answer)]
        [InlineData(ReplyKind.Abstention)]
        public void QuestionFullOfMarkupStaysWithinSlacksTextLimitsWithoutACutEscape(ReplyKind kind)
        {
            // The longest input the bot accepts, every character one that escaping lengthens.
            var question = string.Concat(Enumerable.Repeat("<&", 500));
            var reply = TestReplies.Answer(question) with { Kind = kind };

            var message = SlackMessageRenderer.Render(reply, offerReport: true);

            Assert.All(Texts(message), text => Assert.True(text.Length <= SlackMessageRenderer.MaxSectionText, $"{text.Length} characters"));
            Assert.All(Texts(message), text => Assert.DoesNotMatch("&(a|am|l|lt|g|gt)?…?$", text));
            AssertNoLiveMarkup(message);
        }

        [Fact]
        public void PayloadTurnsOffLinkNamesAndUnfurlsAndMarksTextVerbatim()
        {
            var payload = SlackMessageRenderer.Render(TestReplies.Answer("q"), true).ToPayload();

            Assert.Equal("none", payload["parse"]!.GetValue<string>());
            Assert.False(payload["link_names"]!.GetValue<bool>());
            Assert.False(payload["unfurl_links"]!.GetValue<bool>());
            Assert.True(payload["blocks"]![0]!["elements"]![0]!["verbatim"]!.GetValue<bool>());
        }
    }
}
