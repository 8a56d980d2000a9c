using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Discord.Commands;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;
using StoryBot.Core.Platforms;

namespace StoryBot.Discord.Interactions;

/// <summary>Suggests the entities (names and aliases) of the channel's story while someone types <c>/who-is</c>.</summary>
internal sealed class WhoIsAutocomplete(IServiceProvider services)
{
    private readonly IKnowledgeProvider? _knowledge = services.GetService<IKnowledgeProvider>();
    private readonly ChannelStories? _stories = services.GetService<ChannelStories>();

    public IReadOnlyList<CommandChoice> Suggest(Interaction interaction)
    {
        if (_knowledge is null || interaction.Data.String("name") != DiscordCommands.WhoIs)
        {
            return [];
        }

        var typed = FocusedValue(interaction.Data)?.Trim() ?? string.Empty;
        using var story = StoryScope.Enter(interaction is { GuildId: not null, ChannelId: { } channel } ? _stories?.StoryOfChannel(channel) : null);
        var suggestions = new List<(int Rank, string Label, string Name)>();
        foreach (var entity in _knowledge.Current.Entities)
        {
            var best = (Rank: int.MaxValue, Label: entity.Name);
            foreach (var candidate in entity.Aliases.Prepend(entity.Name))
            {
                var rank = Rank(candidate, typed);
                if (rank < best.Rank)
                {
                    best = (rank, candidate == entity.Name ? entity.Name : $"{entity.Name} ({candidate})");
                }
            }

            if (best.Rank < int.MaxValue)
            {
                suggestions.Add((best.Rank, best.Label, entity.Name));
            }
        }

        return [.. suggestions
            .OrderBy(s => s.Rank)
            .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .DistinctBy(s => s.Name)
            .Take(DiscordLimits.AutocompleteChoices)
            .Select(s => new CommandChoice(Clip(s.Label, DiscordLimits.ChoiceName), Clip(s.Name, DiscordLimits.ChoiceValue)))];
    }

    /// <summary>0: starts with what was typed; 1: a word starts with it; 2: contains it.</summary>
    private static int Rank(string candidate, string typed)
    {
        if (typed.Length == 0 || candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var at = candidate.IndexOf(typed, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return int.MaxValue;
        }

        return !char.IsLetterOrDigit(candidate[at - 1]) ? 1 : 2;
    }

    private static string? FocusedValue(JsonElement container)
    {
        if (container.Child("options") is not { ValueKind: JsonValueKind.Array } options)
        {
            return null;
        }

        foreach (var option in options.EnumerateArray())
        {
            if (option.Bool("focused"))
            {
                return option.Child("value") is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
            }

            if (FocusedValue(option) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static string Clip(string text, int max) => text[..TextElements.BoundaryAtOrBefore(text, max)];
}
