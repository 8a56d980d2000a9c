using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

/// <summary>
/// The behaviour every storage provider must have. Each test gets an empty database; the
/// derived classes only say which provider.
/// </summary>
public abstract partial class StateContract(StorageBackend backend) : IAsyncLifetime
{
    private readonly List<StateHarness> _harnesses = [];

    protected StorageBackend Backend { get; } = backend;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    protected Mock<IChannelPoster> Discord { get; } = Poster("discord");

    protected Mock<IChannelPoster> Slack { get; } = Poster("slack");

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }

        await Backend.DisposeAsync();
    }

    /// <summary>A bot instance on this test's database; call again for a restart or a second instance.</summary>
    protected StateHarness Start(params IChannelPoster[] posters)
    {
        var harness = new StateHarness(Backend, Time, posters.Length > 0 ? posters : [Discord.Object, Slack.Object]);
        _harnesses.Add(harness);
        return harness;
    }

    /// <summary>An instance serving <paramref name="pack"/>: a restart after the pack changed.</summary>
    protected StateHarness StartWith(KnowledgePack pack)
    {
        var harness = new StateHarness(Backend, Time, [Discord.Object, Slack.Object], pack: pack);
        _harnesses.Add(harness);
        return harness;
    }

    protected static Task<long> CountAsync(IStateDatabase database, string table) =>
        database.ReadAsync(session => session.ScalarAsync<long>($"SELECT COUNT(*) FROM {table}"), CancellationToken.None);

    private static Mock<IChannelPoster> Poster(string platform)
    {
        var poster = new Mock<IChannelPoster>();
        poster.Setup(p => p.Platform).Returns(platform);

        // A platform that takes every edit and post, unless a test says otherwise.
        poster.Setup(p => p.EditAsync(It.IsAny<PostedMessage>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PostedMessage message, Reply _, CancellationToken _) => PostResult.Posted(message));
        poster.Setup(p => p.PostNextToAsync(It.IsAny<PostedMessage>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PostedMessage earlier, Reply _, CancellationToken _) => PostResult.Posted(earlier with { MessageId = earlier.MessageId + "-next" }));
        return poster;
    }
}

public sealed class SqliteStateContract() : StateContract(new SqliteBackend());

[RequiresPostgres]
public sealed class PostgresStateContract() : StateContract(new PostgresBackend());
