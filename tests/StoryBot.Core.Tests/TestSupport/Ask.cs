using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.TestSupport;

internal static class Ask
{
    public static Task<Reply> Bot(this IChatBot bot, string text, bool moderator = false) =>
        bot.RespondAsync(new ChatRequest("console", "test", "tester", text) { IsModerator = moderator }, CancellationToken.None);

    /// <summary>Every quote a reply carries stands verbatim in the source file on disk.</summary>
    public static void AssertQuotesAreVerbatim(Reply reply)
    {
        var source = File.ReadAllText(Path.Combine(RepoRoot.Story, "sources", "stargate-dispute.de.txt"));
        foreach (var citation in reply.Citations)
        {
            Assert.Contains(citation.Quote, source, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(citation.Translation));
            Assert.InRange(citation.Paragraph, 1, 11);
        }
    }

    /// <summary>The bot says the story does not answer, and cites nothing.</summary>
    public static async Task AssertAbstainsAsync(this IChatBot bot, string question)
    {
        var reply = await bot.Bot(question);
        Assert.True(reply.Abstained, $"answered “{question}” with {string.Join(", ", reply.Citations.Select(c => c.Id))}");
        Assert.Empty(reply.Citations);
    }

    /// <summary>The bot answers, saying <paramref name="says"/>, with verbatim quotes.</summary>
    public static async Task<Reply> AssertAnswersSayingAsync(this IChatBot bot, string question, string says)
    {
        var reply = await bot.Bot(question);
        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Contains(says, reply.Text, StringComparison.Ordinal);
        AssertQuotesAreVerbatim(reply);
        return reply;
    }

    /// <summary>The bot answers, one of <paramref name="cited"/> first, with verbatim quotes.</summary>
    public static async Task<Reply> AssertCitesFirstAsync(this IChatBot bot, string question, params string[] cited)
    {
        var reply = await bot.Bot(question);
        Assert.False(reply.Abstained, reply.Text);
        Assert.Contains(reply.Citations[0].Id, cited);
        AssertQuotesAreVerbatim(reply);
        return reply;
    }
}
