using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Tests.Conversation.FollowUps;

public class ConversationMemoryTests
{
    private readonly FakeTimeProvider _time = new();

    private ConversationMemory Memory(int max = 100, int turns = 4) =>
        new(Options.Create(new FollowUpOptions { MaxConversations = max, Turns = turns, IdleExpiry = TimeSpan.FromMinutes(30) }), _time);

    private static ConversationTurn Turn(string question) => new(question, Language.English, [], []);

    [Fact]
    public void KeepsTheLatestTurnsOfAConversationOldestFirst()
    {
        var memory = Memory(turns: 2);

        foreach (var question in new[] { "one", "two", "three" })
        {
            memory.Remember("c", Turn(question));
        }

        Assert.Equal(["two", "three"], memory.Turns("c").Select(t => t.Question));
    }

    [Fact]
    public void ForgetsAConversationNobodyAddedToForTheIdleExpiry()
    {
        var memory = Memory();
        memory.Remember("c", Turn("one"));

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Single(memory.Turns("c"));
        memory.Remember("c", Turn("two"));

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(memory.Turns("c"));
        Assert.Equal(0, memory.Count);
    }

    [Fact]
    public void ConversationsDoNotShareTurns()
    {
        var memory = Memory();

        memory.Remember("a", Turn("one"));

        Assert.Empty(memory.Turns("b"));
    }

    [Fact]
    public void StaysWithinItsBoundGivingUpTheConversationsIdleLongest()
    {
        var memory = Memory(max: 100);

        for (var i = 0; i < 1_000; i++)
        {
            memory.Remember($"c{i}", Turn("question"));
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(memory.Count, 1, 100);
        Assert.Single(memory.Turns("c999"));
        Assert.Empty(memory.Turns("c0"));
    }

    [Fact]
    public void CountsWhatItKeepsWhenConversationsArriveTogether()
    {
        var memory = Memory(max: 1_000);

        Parallel.For(0, 5_000, i =>
        {
            memory.Remember($"c{i}", Turn("one"));
            memory.Remember($"c{i}", Turn("two"));
        });

        var kept = Enumerable.Range(0, 5_000).Count(i => memory.Turns($"c{i}").Count > 0);
        Assert.Equal(kept, memory.Count);
        Assert.InRange(memory.Count, 1, 1_000);
    }
}
