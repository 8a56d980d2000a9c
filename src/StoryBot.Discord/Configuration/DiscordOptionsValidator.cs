using Microsoft.Extensions.Options;

namespace StoryBot.Discord.Configuration;

/// <summary>
/// A half-configured section stops the host with a message naming the missing key, rather than
/// failing later on the first message.
/// </summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        var enabledBy = options.HasToken ? "Discord:Token" : "Discord:PublicKey";
        if (!options.HasToken)
        {
            errors.Add($"Discord:Token is required when {enabledBy} is set");
        }

        if (!options.HasPublicKey)
        {
            errors.Add($"Discord:PublicKey is required when {enabledBy} is set");
        }
        else if (!IsHex(options.PublicKey!, 64))
        {
            errors.Add("Discord:PublicKey must be the application's public key: 64 hexadecimal characters");
        }

        if (string.IsNullOrWhiteSpace(options.ApplicationId))
        {
            errors.Add($"Discord:ApplicationId is required when {enabledBy} is set");
        }
        else if (!IsSnowflake(options.ApplicationId))
        {
            errors.Add("Discord:ApplicationId must be a numeric Discord id");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("Discord:ApiBaseUrl must be an absolute http(s) URL");
        }

        if (!string.IsNullOrWhiteSpace(options.GatewayUrl)
            && (!Uri.TryCreate(options.GatewayUrl, UriKind.Absolute, out var gateway) || (gateway.Scheme != "wss" && gateway.Scheme != "ws")))
        {
            errors.Add("Discord:GatewayUrl must be an absolute ws(s) URL");
        }

        if (!DiscordPermissions.TryParse(options.ModeratorCommandPermissions, out _))
        {
            errors.Add("Discord:ModeratorCommandPermissions must be a Discord permission bit set in decimal, for example 32 (Manage Server)");
        }

        AddInvalidIds(errors, "Discord:GuildIds", options.GuildIds);
        AddInvalidIds(errors, "Discord:AskChannelIds", options.AskChannelIds);
        AddInvalidShards(errors, options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AddInvalidIds(List<string> errors, string key, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (!IsSnowflake(id))
            {
                errors.Add($"{key} must hold numeric Discord ids");
                return;
            }
        }
    }

    private static void AddInvalidShards(List<string> errors, DiscordOptions options)
    {
        if (DiscordShards.IsAuto(options))
        {
            if (options.ShardIds.Count > 0 || options.ShardCount is not null)
            {
                errors.Add($"Discord:ShardIds and Discord:ShardCount apply only with Discord:Shards={DiscordShards.Explicit}; set it, or remove them to run the shards Discord recommends");
            }

            return;
        }

        if (!DiscordShards.IsExplicit(options))
        {
            errors.Add($"Discord:Shards must be {DiscordShards.Auto} or {DiscordShards.Explicit}");
            return;
        }

        if (options.ShardCount is not { } count)
        {
            errors.Add($"Discord:ShardCount is required when Discord:Shards is {DiscordShards.Explicit}");
            return;
        }

        var outside = options.ShardIds.Where(id => id < 0 || id >= count).ToList();
        if (outside.Count > 0)
        {
            errors.Add($"Discord:ShardIds must lie within 0 to {count - 1} (Discord:ShardCount is {count}); {string.Join(", ", outside)} {(outside.Count == 1 ? "does" : "do")} not");
        }

        var repeated = options.ShardIds.GroupBy(id => id).Where(ids => ids.Count() > 1).Select(ids => ids.Key).ToList();
        if (repeated.Count > 0)
        {
            errors.Add($"Discord:ShardIds must name each shard once; {string.Join(", ", repeated)} {(repeated.Count == 1 ? "is" : "are")} repeated");
        }
    }

    internal static bool IsSnowflake(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 20 && value.All(char.IsAsciiDigit);

    private static bool IsHex(string value, int length) =>
        value.Length == length && value.All(char.IsAsciiHexDigit);
}
