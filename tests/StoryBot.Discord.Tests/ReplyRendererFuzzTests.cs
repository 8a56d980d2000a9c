using CsCheck;
using StoryBot.Core.Answering;
using StoryBot.Discord.Rendering;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Discord.Tests;

/// <summary>Any reply renders without a throw, within every Discord limit, pinging no one; user text stays plain words.</summary>
public sealed class ReplyRendererFuzzTests
{
    private static readonly System.Buffers.SearchValues<char> Markup = System.Buffers.SearchValues.Create("*_~`|[]<\\");

    [Fact]
    public void AnyReplyRendersWithinDiscordsLimitsAndPingsNoOne() =>
        ReplyInputs.Replies.Sample(reply =>
        {
            var messages = ReplyRenderer.Render(reply);
            var loneBefore = ReplyInputs.Texts(reply).Any(ReplyInputs.HasLoneSurrogate);
            foreach (var message in messages)
            {
                var embeds = message.Embeds!;
                Assert.InRange(embeds.Count, 1, DiscordLimits.EmbedsPerMessage);
                Assert.InRange(embeds.Sum(e => e.Length), 0, DiscordLimits.EmbedCharactersPerMessage);
                Assert.Empty(message.AllowedMentions.Parse);
                Assert.False(message.AllowedMentions.RepliedUser);
                foreach (var embed in embeds)
                {
                    Assert.InRange(embed.Description?.Length ?? 0, 0, DiscordLimits.EmbedDescription);
                    Assert.InRange(embed.Title?.Length ?? 0, 0, DiscordLimits.EmbedTitle);
                    Assert.InRange(embed.Footer?.Text.Length ?? 0, 0, DiscordLimits.Footer);
                    Assert.True(loneBefore || !new[] { embed.Title, embed.Description, embed.Footer?.Text }.Any(t => t is not null && ReplyInputs.HasLoneSurrogate(t)), "a character was cut in half");
                }
            }
        }, iter: 300);

    [Fact]
    public void UserTextNeverMentionsLinksOrFormats() =>
        ReplyInputs.Text.Sample(text =>
        {
            var shown = ReplyRenderer.RenderBody([TextRun.User(text)]);
            foreach (var live in new[] { "@everyone", "@here", "<@", "<#", "<t:", "://" })
            {
                Assert.DoesNotContain(live, shown, StringComparison.Ordinal);
            }

            // With every backslash escape taken out, no markup character is left live.
            var unescaped = System.Text.RegularExpressions.Regex.Replace(shown, @"\\.", string.Empty, System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.Equal(-1, unescaped.AsSpan().IndexOfAny(Markup));
        }, iter: 1000);
}
