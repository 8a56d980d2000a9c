using System.Text;
using System.Text.RegularExpressions;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

public sealed class ReplyRendererTests
{
    public sealed class Limits
    {
        [Fact]
        public void AVeryLongReplyIsSplitWithinEveryDiscordLimitAndNoQuoteIsCut()
        {
            var words = string.Join(' ', Enumerable.Range(0, 4000).Select(i => $"word{i}"));
            var citations = Enumerable.Range(0, 30).Select(i => new Citation(
                $"excerpt-{i}",
                "stargate-dispute",
                i + 1,
                $"Zitat {i}: " + string.Join(' ', Enumerable.Repeat("„Sie haben eigentlich nicht das Geld“ – *wirklich* nicht.", 30)),
                string.Join(' ', Enumerable.Repeat("They don't actually have the money.", 40)),
                new string('A', 400))).ToList();
            var reply = TestReplies.Answer() with { Body = [TextRun.Plain(words)], Citations = citations };

            var messages = ReplyRenderer.Render(reply);

            Assert.True(messages.Count > 1);
            foreach (var message in messages)
            {
                var embeds = message.Embeds!;
                Assert.InRange(embeds.Count, 1, DiscordLimits.EmbedsPerMessage);
                Assert.True(embeds.Sum(e => e.Length) <= DiscordLimits.EmbedCharactersPerMessage);
                Assert.All(embeds, e =>
                {
                    Assert.True((e.Description?.Length ?? 0) <= DiscordLimits.EmbedDescription);
                    Assert.True((e.Title?.Length ?? 0) <= DiscordLimits.EmbedTitle);
                    Assert.True((e.Footer?.Text.Length ?? 0) <= DiscordLimits.Footer);
                });
                Assert.Empty(message.AllowedMentions.Parse);
            }

            foreach (var citation in citations)
            {
                Assert.Single(messages, m => Shown(m).Contains(citation.Quote, StringComparison.Ordinal));
            }

            var body = string.Concat(messages.SelectMany(m => m.Embeds!).Where(e => e.Title is null).Select(e => DiscordText.Unescape(e.Description!) + " "));
            Assert.Equal(words, Regex.Replace(body, @"\s+", " ").Trim());
            Assert.NotNull(messages[0].Components);
            Assert.All(messages.Skip(1), m => Assert.Null(m.Components));
        }

        [Theory]
        [InlineData("a")]
        [InlineData("*")] // escaped as "\*": the cut once stepped back to nothing and looped for ever
        public void ACharacterWithMoreCombiningMarksThanAnEmbedHoldsIsSplitNotThrown(string letter)
        {
            // A single text element longer than a description: found by ReplyRendererFuzzTests.
            var reply = TestReplies.Answer() with { Body = [TextRun.User(letter + new string('\u0301', 5000))] };

            var embeds = ReplyRenderer.Render(reply).SelectMany(m => m.Embeds!).ToList();

            Assert.All(embeds, e => Assert.InRange(e.Description!.Length, 1, DiscordLimits.EmbedDescription));
        }

        [Theory]
        [InlineData(219)]
        [InlineData(220)]
        public void ALongAttributionIsShortenedInTheTitleWithoutCuttingAnEmojiInHalf(int letters)
        {
            // Found by ReplyRendererFuzzTests: the title was cut at a fixed length.
            var citation = TestReplies.Answer().Citations[0] with { Attribution = new string('x', letters) + string.Concat(Enumerable.Repeat("😀", 40)) };
            var reply = TestReplies.Answer() with { Citations = [citation] };

            var title = ReplyRenderer.Render(reply)[0].Embeds!.Single(e => e.Title is not null).Title!;

            Assert.InRange(title.Length, 1, DiscordLimits.EmbedTitle);
            Assert.EndsWith("…", title, StringComparison.Ordinal);
            Assert.False(char.IsHighSurrogate(title[^2]));
        }

        [Fact]
        public void EachCitationShowsQuoteParagraphEnglishAndSourceInTheFooter()
        {
            var message = Assert.Single(ReplyRenderer.Render(TestReplies.Answer()));

            var citation = message.Embeds![1];
            Assert.Equal("Quote 1 · paragraph 5 — Musk on X, Tuesday", citation.Title);
            Assert.StartsWith("> ", citation.Description, StringComparison.Ordinal);
            Assert.Contains(TestReplies.MuskQuote, DiscordText.Unescape(citation.Description!), StringComparison.Ordinal);
            Assert.Contains("*English:* “They don't actually have the money,”", citation.Description, StringComparison.Ordinal);
            Assert.Equal("Source: stargate-dispute · ¶ 5 · musk-they-dont-have-the-money", citation.Footer!.Text);
        }

        [Fact]
        public void GermanRepliesLabelInGerman()
        {
            var message = Assert.Single(ReplyRenderer.Render(TestReplies.Answer() with { Language = Language.German }));

            Assert.StartsWith("Zitat 1 · Absatz 5", message.Embeds![1].Title, StringComparison.Ordinal);
            Assert.Equal("Melden", message.Components![0].Components[0].Label);
        }
    }

    public sealed class Safety
    {
        [Fact]
        public void UserTextCannotMentionFormatOrLink()
        {
            var rendered = ReplyRenderer.RenderBody([TextRun.User("@everyone @here <@123> <@!123> <@&456> <#789> <t:1:R> **x** `y` [a](https://b.c) https://d.e")]);

            Assert.DoesNotMatch(@"@(everyone|here)", rendered);
            Assert.DoesNotMatch(@"<[@#t]", rendered);
            Assert.DoesNotContain("**x**", rendered, StringComparison.Ordinal);
            Assert.DoesNotContain("://", rendered, StringComparison.Ordinal);
            Assert.Contains("\\*\\*x\\*\\*", rendered, StringComparison.Ordinal);
        }

        [Fact]
        public void KnowledgeTextIsEscapedButStrongRunsAreBold()
        {
            var rendered = ReplyRenderer.RenderBody([TextRun.Plain("# not a heading_with_underscores "), TextRun.Strong(" Sam Altman ")]);

            Assert.Equal("\\# not a heading\\_with\\_underscores  **Sam Altman** ", rendered);
        }

        [Fact]
        public void EveryMessageSerialisesAnEmptyMentionParseList()
        {
            var json = Encoding.UTF8.GetString(DiscordJson.Serialize(ReplyRenderer.Render(TestReplies.Answer())[0]));

            Assert.Contains("\"allowed_mentions\":{\"parse\":[],\"replied_user\":false}", json, StringComparison.Ordinal);
            Assert.Contains("\"custom_id\":\"storybot:report\"", json, StringComparison.Ordinal);
        }

        [Fact]
        public void WithdrawnCitationIsStruckThroughAndLabelled()
        {
            var reply = TestReplies.Answer();
            reply = reply with { Citations = [reply.Citations[0] with { Withdrawn = true }] };

            var citation = ReplyRenderer.RenderSingle(reply).Embeds![1];

            Assert.StartsWith("Withdrawn: Quote 1", citation.Title, StringComparison.Ordinal);
            Assert.StartsWith("> ~~", citation.Description, StringComparison.Ordinal);
            Assert.Contains("withdrew this excerpt", citation.Description, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(ReplyKind.Help)]
        [InlineData(ReplyKind.Error)]
        [InlineData(ReplyKind.Notice)]
        [InlineData(ReplyKind.Moderation)]
        [InlineData(ReplyKind.Abstention)]
        public void OnlyAnswersCarryTheReportButton(ReplyKind kind)
        {
            Assert.Null(ReplyRenderer.Render(TestReplies.Private(kind, "text"))[0].Components);
        }
    }

    /// <summary>What a reader sees of a message's embeds: markdown escapes and quote markers removed.</summary>
    private static string Shown(DiscordMessage message) =>
        string.Join('\n', message.Embeds!.Select(e => DiscordText.Unescape(Regex.Replace(e.Description ?? string.Empty, "^> ", string.Empty, RegexOptions.Multiline))));
}
