using StoryBot.Core.Commands;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Reads the <c>topics</c> of <c>story.yaml</c>, in file order, and checks what its schema cannot: a
/// command's name is the story's own (not another topic's, nor one of the bot's own commands) and a
/// role belongs to one topic.
/// </summary>
internal static class TopicReader
{
    public static List<StoryTopic>? Read(YamlMap story)
    {
        if (story.Node("topics") is not YamlMappingNode node || story.Map("topics") is not { } topics)
        {
            return null;
        }

        var read = new List<StoryTopic>();
        var valid = true;
        foreach (var id in node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).OfType<string>())
        {
            var topic = topics.Map(id) is { } map ? ReadTopic(id, map, read) : null;
            if (topic is null)
            {
                valid = false;
                continue;
            }

            read.Add(topic);
        }

        return valid ? read : null;
    }

    private static StoryTopic? ReadTopic(string id, YamlMap map, List<StoryTopic> before)
    {
        var name = map.Languages("name");
        var heading = map.Has("heading") ? map.Languages("heading") : null;
        var command = map.Map("command") is { } commandMap ? ReadCommand(commandMap, before) : null;
        var summary = map.Map("summary") is { } summaryMap ? ReadSummary(summaryMap) : null;
        var role = map.Has("role") ? map.Choice<TopicRole>("role") : null;
        if (role is { } taken && before.FirstOrDefault(t => t.Role == taken) is { } holder)
        {
            map.Report(map.At("role"), $"{map.What}: role '{Key(taken)}' is already topic '{holder.Id}''s; a role belongs to one topic");
            return null;
        }

        if (name is null || (map.Has("heading") && heading is null) || (map.Has("command") && command is null)
            || (map.Has("summary") && summary is null) || (map.Has("role") && role is null))
        {
            return null;
        }

        return new StoryTopic(id, name)
        {
            Heading = heading,
            Command = command,
            Summary = summary,
            Speakers = map.Flag("speakers"),
            Role = role,
        };
    }

    private static TopicCommandTexts? ReadCommand(YamlMap map, List<StoryTopic> before)
    {
        var name = map.Languages("name");
        var description = map.Languages("description");
        var help = map.Languages("help");
        if (name is null || description is null || help is null)
        {
            return null;
        }

        var names = map.Map("name")!;
        var command = name.In(TextInLanguages.Fallback);
        if (ChatCommandNames.OfTheBot.Contains(command, StringComparer.Ordinal))
        {
            names.Report(names.At(TextInLanguages.Fallback),
                $"{map.What}: '{command}' is one of the bot's own commands ({string.Join(", ", ChatCommandNames.OfTheBot)}); name the topic's command otherwise");
            return null;
        }

        // Each language's name lists one command: a platform showing the German names shows each once.
        foreach (var language in name.Languages)
        {
            var text = name.In(language);
            if (before.FirstOrDefault(t => t.Command?.Name.In(language) == text) is { } other)
            {
                names.Report(names.At(language), $"{map.What}: '{language}' name '{text}' is already the command of topic '{other.Id}'; each topic's command needs its own name");
                return null;
            }
        }

        return new TopicCommandTexts(name, description, help);
    }

    private static TopicSummarySection? ReadSummary(YamlMap map) =>
        map.Languages("label") is { } label
            ? new TopicSummarySection(label) { FiguresOnly = map.Flag("figures_only"), ArticleVoiceFirst = map.Flag("article_voice_first") }
            : null;

    private static string Key(TopicRole role) => role.ToString().ToLowerInvariant();
}
