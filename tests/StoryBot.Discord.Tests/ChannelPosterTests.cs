using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests;

public sealed class ChannelPosterTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private FakeDiscord _discord = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _host = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task PostingCreatesAChannelMessageAndReturnsItsId()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());

        var posted = await poster.PostAsync("333333333333333333", TestReplies.Answer(), CancellationToken.None);

        var request = Assert.Single(_discord.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("channels/333333333333333333/messages", request.Path);
        Assert.Empty(request.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Equal("discord", posted.Platform);
        Assert.Equal("333333333333333333", posted.ChannelId);
        Assert.Equal(2, request.Json.GetProperty("embeds").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(posted.MessageId));
    }

    [Fact]
    public async Task EditingACorrectionPatchesThatMessageWithTheWithdrawnQuoteStruck()
    {
        var poster = Assert.Single(_host.Services.GetServices<IChannelPoster>());
        var answer = TestReplies.Answer();
        var corrected = answer with { Citations = [answer.Citations[0] with { Withdrawn = true }] };

        await poster.EditAsync(new PostedMessage("discord", "333333333333333333", "1100000000000000444"), corrected, CancellationToken.None);

        var request = Assert.Single(_discord.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("channels/333333333333333333/messages/1100000000000000444", request.Path);
        Assert.StartsWith("> ~~", request.Json.GetProperty("embeds")[1].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Empty(request.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }
}
