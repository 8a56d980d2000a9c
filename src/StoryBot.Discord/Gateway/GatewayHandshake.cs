using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// The opening of a connection: where to connect (the session's resume address, or a fresh one
/// from <c>GET /gateway/bot</c>), HELLO within its timeout, then RESUME or, within the identify
/// budget, IDENTIFY.
/// </summary>
internal sealed class GatewayHandshake(
    GatewayLocator locator,
    IdentifyLimiter identifyLimiter,
    IOptions<DiscordOptions> options,
    DiscordTimings timings,
    TimeProvider time)
{
    /// <summary>
    /// GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES: no privileged intent. Discord delivers the
    /// content of DMs and of messages that mention the bot without MESSAGE_CONTENT.
    /// </summary>
    public const int Intents = (1 << 0) | (1 << 9) | (1 << 12);

    /// <summary>
    /// Privileged: needed only to read messages that do not mention the bot, in ask channels and,
    /// with <see cref="DiscordOptions.FollowUpsWithoutMention"/>, replies and threads under its answers.
    /// It must be switched on for the application, or Discord closes with 4014.
    /// </summary>
    public const int MessageContentIntent = 1 << 15;

    /// <summary>Where the next connection goes; <see cref="GatewayTarget.Info"/> is null when it resumes.</summary>
    public async Task<GatewayTarget> LocateAsync(GatewaySession session, CancellationToken cancellationToken)
    {
        if (session.CanResume)
        {
            return new GatewayTarget(new Uri(session.ResumeUrl!), null);
        }

        var info = await locator.LocateAsync(cancellationToken);
        return new GatewayTarget(info.Url, info);
    }

    public async Task<GatewayFrame> ReceiveHelloAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(timings.HelloTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var frame = await connection.ReceiveAsync(linked.Token);
        if (!frame.IsClose && frame.Data.Int("op") != GatewayOpcode.Hello)
        {
            throw new InvalidOperationException($"expected HELLO, got op {frame.Data.Int("op")}");
        }

        return frame;
    }

    /// <summary>Resumes the session the target was chosen for (at once: a resume is not an identify), or identifies the shard afresh in its turn.</summary>
    public async Task IntroduceAsync(GatewayConnection connection, GatewayShard shard, GatewayTarget target, CancellationToken cancellationToken)
    {
        var session = shard.Session;
        if (target.Info is not { } info)
        {
            await connection.SendAsync(GatewayOpcode.Resume, new { Token = options.Value.Token, SessionId = session.SessionId, Seq = session.Sequence }, cancellationToken);
            return;
        }

        await identifyLimiter.WaitAsync(info, shard.Id, cancellationToken);
        await connection.SendAsync(GatewayOpcode.Identify, IdentifyPayload(shard.Id), cancellationToken);
    }

    private object IdentifyPayload(ShardId shard) => new
    {
        Token = options.Value.Token,
        Intents = options.Value.NeedsMessageContent ? Intents | MessageContentIntent : Intents,
        Properties = new { Os = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), Browser = "StoryBot", Device = "StoryBot" },
        Shard = new[] { shard.Id, shard.Count },
    };
}

/// <param name="Info">What <c>GET /gateway/bot</c> said, for a fresh session; null when resuming.</param>
internal sealed record GatewayTarget(Uri Url, GatewayInfo? Info);
