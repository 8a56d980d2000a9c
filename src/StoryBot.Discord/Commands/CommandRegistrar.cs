using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Commands;

/// <summary>
/// Registers the commands by bulk overwrite (globally, or per configured guild), but only when
/// the definitions or their scope changed since the last successful registration: Discord caps
/// command creates at 200 a day per guild, so restarts must not re-register.
/// </summary>
internal sealed class CommandRegistrar(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
{
    public const string StateFileName = "discord-commands.sha256";

    /// <returns>True when commands were registered, false when they were already current.</returns>
    public async Task<bool> RegisterIfChangedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scopes = settings.GuildIds.Count == 0
            ? [$"applications/{settings.ApplicationId}/commands"]
            : settings.GuildIds.Order(StringComparer.Ordinal).Select(g => $"applications/{settings.ApplicationId}/guilds/{g}/commands").ToList();
        var definitions = DiscordJson.Serialize(DiscordCommands.All);
        var hash = Hash(definitions, scopes);
        var stateFile = Path.Combine(settings.StateDirectory, StateFileName);
        if (File.Exists(stateFile) && (await File.ReadAllTextAsync(stateFile, cancellationToken)).Trim() == hash)
        {
            logger.LogInformation("Discord commands unchanged since their last registration; not registering");
            return false;
        }

        foreach (var scope in scopes)
        {
            await rest.SendAsync(HttpMethod.Put, scope, DiscordCommands.All, cancellationToken);
        }

        Directory.CreateDirectory(settings.StateDirectory);
        var temporary = stateFile + ".tmp";
        await File.WriteAllTextAsync(temporary, hash, cancellationToken);
        File.Move(temporary, stateFile, overwrite: true);
        logger.LogInformation("Registered {Count} Discord commands in {Scopes} scope(s)", DiscordCommands.All.Count, scopes.Count);
        return true;
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
