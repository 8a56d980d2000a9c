using StoryBot.Core.Knowledge;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Rendering;

/// <summary>A reply handed out again is rendered once, and what is sent is what rendering it anew would send.</summary>
public class RenderedOnceTests
{
    public static TheoryData<string> Questions => new() { "What did Musk say?", "<!channel> & \"quotes\" — Zürich?", "" };

    [Theory]
    [MemberData(nameof(Questions))]
    public void TheKeptMessageSendsTheSameBytesAsOneRenderedAnew(string question)
    {
        var citation = TestReplies.MuskCitation with { Attribution = "Musk <@U1> & \"co\"", Translation = "Über <!here> ~x~" };
        var reply = TestReplies.Answer(question, citation) with { Language = Language.German };

        foreach (var offerReport in new[] { true, false })
        {
            var kept = SlackMessageRenderer.Render(reply, offerReport);
            var anew = SlackMessageRenderer.RenderAnew(reply, offerReport);

            Assert.Equal(anew.ToPayload().ToJsonString(), kept.ToPayload().ToJsonString());
            Assert.Equal(anew.ToResponsePayload().ToJsonString(), kept.ToResponsePayload().ToJsonString());
            Assert.Same(kept, SlackMessageRenderer.Render(reply, offerReport));
        }
    }

    [Fact]
    public void EachPayloadIsItsOwnDocument()
    {
        var message = SlackMessageRenderer.Render(TestReplies.Answer("q", TestReplies.MuskCitation), offerReport: true);

        var first = message.ToPayload();
        first["blocks"]!.AsArray().Clear();

        Assert.NotEmpty(message.ToPayload()["blocks"]!.AsArray());
    }
}
