using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Commands;

/// <summary>
/// Registers the commands by bulk overwrite (globally, or per configured guild), but only when
/// the definitions or their scope changed since the last successful registration: Discord caps
/// command creates at 200 a day per guild, so restarts must not re-register. The story's topic commands
/// are those of the pack in service at start, as in the chat bot's registry. Guilds it registered
/// in before and no longer registers in are cleared, so no command shows twice.
/// </summary>
internal sealed class CommandRegistrar(DiscordRestClient rest, IServiceProvider services, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
{
    public const string StateFileName = "discord-commands.sha256";

    /// <summary>
    /// The guilds of the last registration, one id a line. Guild commands outlive a switch to
    /// global registration (or to other guilds) and would show beside the new ones; Discord has no
    /// call that finds them without naming the guild, so the bot remembers where it put them.
    /// </summary>
    public const string GuildsFileName = "discord-command-guilds";

    /// <returns>True when commands were registered, false when they were already current.</returns>
    public async Task<bool> RegisterIfChangedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var guilds = settings.GuildIds.Order(StringComparer.Ordinal).ToList();
        var scopes = guilds.Count == 0 ? [GlobalScope()] : guilds.Select(GuildScope).ToList();
        // Asked for here, not at construction: a host that stops at its options' validation never needs the pack.
        var story = services.GetRequiredService<IKnowledgeProvider>().Current.Story;
        var commands = DiscordCommands.Registered(story, settings.ModeratorCommandPermissions);
        var definitions = DiscordJson.Serialize(commands);
        var hash = Hash(definitions, scopes);
        var stateFile = StatePath(StateFileName);
        if (File.Exists(stateFile) && (await File.ReadAllTextAsync(stateFile, cancellationToken)).Trim() == hash)
        {
            logger.LogInformation("Discord commands unchanged since their last registration; not registering");
            return false;
        }

        foreach (var scope in scopes)
        {
            await rest.SendAsync(HttpMethod.Put, scope, commands, cancellationToken);
        }

        await ClearGuildsLeftAsync(guilds, cancellationToken);

        // The hash last: a registration cut short is done again, in full, at the next start.
        await ReplaceStateAsync(GuildsFileName, string.Join('\n', guilds), cancellationToken);
        await ReplaceStateAsync(StateFileName, hash, cancellationToken);
        logger.LogInformation("Registered {Count} Discord commands in {Scopes} scope(s)", commands.Count, scopes.Count);
        return true;
    }

    private async Task ClearGuildsLeftAsync(IReadOnlyList<string> guilds, CancellationToken cancellationToken)
    {
        var guildsFile = StatePath(GuildsFileName);
        if (!File.Exists(guildsFile))
        {
            return;
        }

        var remembered = (await File.ReadAllLinesAsync(guildsFile, cancellationToken)).Select(line => line.Trim()).Where(line => line.Length > 0);
        foreach (var guild in remembered.Except(guilds, StringComparer.Ordinal))
        {
            try
            {
                await rest.SendAsync(HttpMethod.Put, GuildScope(guild), Array.Empty<ApplicationCommand>(), cancellationToken);
                logger.LogInformation("Removed the Discord commands registered earlier in guild {GuildId}", guild);
            }
            catch (DiscordRestException ex) when (ex.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // The bot has left that guild or lost the right to manage its commands: nothing it can still clear.
                logger.LogWarning("Could not remove the Discord commands registered earlier in guild {GuildId}: {Error}", guild, ex.Message);
            }
        }
    }

    private string GlobalScope() => $"applications/{options.Value.ApplicationId}/commands";

    private string GuildScope(string guildId) => $"applications/{options.Value.ApplicationId}/guilds/{guildId}/commands";

    private string StatePath(string fileName) => Path.Combine(options.Value.StateDirectory, fileName);

    /// <summary>Writes a temporary file and moves it in place, so a crash never leaves half a file.</summary>
    private async Task ReplaceStateAsync(string fileName, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.StateDirectory);
        var path = StatePath(fileName);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static string Hash(byte[] definitions, IEnumerable<string> scopes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(definitions);
        foreach (var scope in scopes)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes("\n" + scope));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
