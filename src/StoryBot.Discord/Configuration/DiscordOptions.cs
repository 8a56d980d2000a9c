using System.ComponentModel.DataAnnotations;

namespace StoryBot.Discord.Configuration;

/// <summary>Section <c>Discord</c>. Discord is off when neither <see cref="Token"/> nor <see cref="PublicKey"/> is set.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>The bot token; enables the Gateway, command registration and posting.</summary>
    public string? Token { get; set; }

    /// <summary>The application's id (a number), from the Developer Portal's General Information; needed with the token.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key (hex); enables the HTTP interactions endpoint.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Guilds to register commands in (instant); global registration when empty.</summary>
    public IList<string> GuildIds { get; } = [];

    /// <summary>
    /// Roles whose members moderate, besides members with Manage Server or Administrator. The
    /// older key <c>Moderation:DiscordRoleIds</c> is still read.
    /// </summary>
    public IList<string> ModeratorRoleIds { get; } = [];

    /// <summary>
    /// The permissions (Discord's bit set, in decimal) a member needs to see and use the moderator
    /// commands: sent as their <c>default_member_permissions</c>, and checked again on every use.
    /// 32 is Manage Server; "0" leaves them to administrators. Server admins can still grant the
    /// commands to other roles under Server Settings → Integrations.
    /// </summary>
    public string ModeratorCommandPermissions { get; set; } = "32";

    /// <summary>Channels where every message is a question.</summary>
    public IList<string> AskChannelIds { get; } = [];

    /// <summary>
    /// Answer without a mention what goes on from one of the bot's answers: a reply to it, and
    /// every message in a thread started from it. Discord withholds the text of such messages
    /// without the privileged Message Content intent, so it is asked for only with this on (and must
    /// be switched on for the application, or Discord refuses the connection). Off, only mentions
    /// are answered there.
    /// </summary>
    public bool FollowUpsWithoutMention { get; set; }

    /// <summary>Whether a setting reads messages that do not mention the bot, which needs the Message Content intent.</summary>
    public bool NeedsMessageContent => AskChannelIds.Count > 0 || FollowUpsWithoutMention;

    /// <summary>Base of the REST API; a test points it at a local fake.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Gateway URL; when empty it is read from <c>GET /gateway/bot</c>.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>The URL in the <c>DiscordBot (url, version)</c> User-Agent Discord asks for.</summary>
    [Required]
    public string UserAgentUrl { get; set; } = "https://github.com/storybot/storybot";

    /// <summary>
    /// Where small adapter state lives (the hash of the last registered commands); a relative path
    /// is taken under <c>Storage:DataDirectory</c>, so the default is that folder itself.
    /// </summary>
    [Required]
    public string StateDirectory { get; set; } = ".";

    /// <summary>
    /// On stop, end the Gateway session (close 1000) so Discord shows the bot offline at once and
    /// no stale session lingers. Turn it off for quick restarts (a deploy): the session is then
    /// kept for the next run to resume, and Discord replays the messages sent meanwhile, which an
    /// ended session does not.
    /// </summary>
    public bool CloseSessionOnStop { get; set; } = true;

    /// <summary>
    /// Which Gateway shards this process runs. <c>auto</c>: as many as Discord recommends
    /// (<c>GET /gateway/bot</c>), all of them here. <c>explicit</c>: <see cref="ShardIds"/> of
    /// <see cref="ShardCount"/>, so several processes can split one bot's shards between them.
    /// </summary>
    public string Shards { get; set; } = DiscordShards.Auto;

    /// <summary>
    /// With <see cref="Shards"/> set to <c>explicit</c>: the shard ids this process runs, each from 0 to
    /// <see cref="ShardCount"/> − 1 and none twice; empty runs all of them. Discord sends direct
    /// messages to shard 0 only, so one process must run it.
    /// </summary>
    public IList<int> ShardIds { get; } = [];

    /// <summary>
    /// With <see cref="Shards"/> set to <c>explicit</c>: how many shards the bot has across every process,
    /// the same in each (Identify's <c>shard</c> is [id, count]).
    /// </summary>
    [Range(1, 65535)]
    public int? ShardCount { get; set; }

    /// <summary>Register the slash commands at start (only when their definitions changed).</summary>
    public bool RegisterCommands { get; set; } = true;

    /// <summary>
    /// How long to wait for an answer before deferring an interaction; Discord allows 3 s for
    /// the first response, so this leaves room for the network.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:02.500")]
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Signed HTTP interactions older (or newer) than this are refused as replays.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MaxSignatureAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per REST call for 5xx answers and timeouts, the first included.</summary>
    [Range(1, 10)]
    public int MaxRestAttempts { get; set; } = 4;

    /// <summary>Per-attempt REST timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Gateway messages and interaction follow-ups (further pages, the read-back of an answer's id,
    /// its record) handled at once. They wait almost entirely on Discord and on the state store's
    /// commits, not on the CPU; with fewer, recording fell behind answering under load.
    /// </summary>
    [Range(1, 256)]
    public int HandlerConcurrency { get; set; } = 128;

    public bool HasToken => !string.IsNullOrWhiteSpace(Token);

    public bool HasPublicKey => !string.IsNullOrWhiteSpace(PublicKey);

    public bool IsEnabled => HasToken || HasPublicKey;
}
