namespace StoryBot.Discord.Commands;

/// <summary>An application command as Discord's bulk overwrite takes it (snake_case on the wire).</summary>
internal sealed record ApplicationCommand(string Name, string Description, IReadOnlyList<CommandOption>? Options = null)
{
    /// <summary>1 = slash command, 3 = message context-menu command (description must be empty).</summary>
    public int Type { get; init; } = 1;

    /// <summary>The name a client in that locale shows; interactions still carry <see cref="Name"/>.</summary>
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    /// <summary>Who sees the command unless a server admin decides otherwise: a permission bit set in decimal; null for everyone.</summary>
    public string? DefaultMemberPermissions { get; init; }
}

internal sealed record CommandOption(int Type, string Name, string Description)
{
    public const int SubCommand = 1;
    public const int String = 3;

    public bool? Required { get; init; }

    public bool? Autocomplete { get; init; }

    public int? MaxLength { get; init; }

    public IReadOnlyList<CommandChoice>? Choices { get; init; }

    public IReadOnlyList<CommandOption>? Options { get; init; }

    /// <summary>The name a client in that locale shows; interactions still carry <see cref="Name"/>.</summary>
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
}

/// <param name="Value">What the interaction carries, whatever the client's locale.</param>
internal sealed record CommandChoice(string Name, string Value)
{
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
}
