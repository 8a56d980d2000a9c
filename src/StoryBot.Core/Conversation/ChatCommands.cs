namespace StoryBot.Core.Conversation;

/// <summary>
/// A built-in command of the core that a feature may replace with a fuller command of the same
/// name (the state feature's <c>/sources</c> adds the moderators' tools to the public list).
/// </summary>
internal interface IBuiltInCommand : IChatCommand;

/// <summary>Two commands claim one name; the host does not start.</summary>
public sealed class ChatCommandConflictException(string message) : InvalidOperationException(message);

/// <summary>
/// Every command by its name, each defined once. A feature's command replaces a built-in of the
/// same name; two commands of features with one name are a mistake, reported with both.
/// </summary>
internal sealed class ChatCommands
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
                $"Two commands are named /{command.Name}: {other.GetType().FullName} and {command.GetType().FullName}. Register each command once.");
        }
    }

    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, out IChatCommand command) => _byName.TryGetValue(name, out command!);
}
