using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Commands;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>
/// A built-in command of the core that a feature may replace with a fuller command of the same
/// name (the state feature's <c>/sources</c> adds the moderators' tools to the public list).
/// </summary>
internal interface IBuiltInCommand : IChatCommand;

/// <summary>Two commands claim one name; the host does not start.</summary>
public sealed class ChatCommandConflictException(string message) : InvalidOperationException(message);

/// <summary>
/// Every command by its name, each defined once: those registered in DI and those the story's topics
/// define. A feature's command replaces a built-in of the same name; two other commands with one name
/// are a mistake, reported with both. The platforms' command lists (Discord's registration, the Slack
/// app's manifest) name the same commands.
/// </summary>
public sealed class ChatCommands
{
    private readonly Dictionary<string, IChatCommand> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ChatCommands(IEnumerable<IChatCommand> commands)
    {
        foreach (var command in commands)
        {
            if (!_byName.TryGetValue(command.Name, out var other) || other is IBuiltInCommand)
            {
                if (other is null || command is not IBuiltInCommand)
                {
                    _byName[command.Name] = command;
                }

                continue;
            }

            if (command is IBuiltInCommand)
            {
                continue;
            }

            throw new ChatCommandConflictException(
                $"Two commands are named /{command.Name}: {Describe(other)} and {Describe(command)}. Register each command once.");
        }
    }

    /// <summary>
    /// The registered commands and the commands of the topics (<see cref="TopicCommand"/>) of every story
    /// served, from the packs in service.
    /// </summary>
    internal static ChatCommands Create(IServiceProvider services)
    {
        var knowledge = services.GetRequiredService<IKnowledgeProvider>();
        var stories = knowledge is IServedStories served
            ? served.Stories.Select(served.Find).OfType<KnowledgePack>().Select(pack => pack.Story)
            : [knowledge.Current.Story];
        var topics = TopicCommand.Of(stories, knowledge, services.GetRequiredService<ICitationPolicy>());
        return new ChatCommands(services.GetServices<IChatCommand>().Concat(topics));
    }

    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, out IChatCommand command) => _byName.TryGetValue(name, out command!);

    private static string Describe(IChatCommand command) => command is TopicCommand topic ? topic.Origin : command.GetType().FullName!;
}
