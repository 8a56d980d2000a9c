using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.State.Commands;

/// <summary>
/// <c>/sources</c>: the public list of sources, with which are withdrawn. The moderators' tools
/// live in <c>/moderate</c>; typed after <c>/sources</c> they still work, as they did before they
/// moved, and are checked the same way.
/// </summary>
internal sealed class SourcesCommand(SourceListing listing, ModerateCommand moderate, ILogger<SourcesCommand> logger) : StoreCommand(logger)
{
    public const string CommandName = "sources";

    public override string Name => CommandName;

    protected override async Task<Reply> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (subcommand, _) = CommandArguments.Split(context.Argument);
        if (subcommand.Length == 0)
        {
            return await listing.PublicAsync(context, cancellationToken);
        }

        return ModerateCommand.IsSubcommand(context.Argument)
            ? await moderate.ExecuteAsync(context, cancellationToken)
            : ModerateCommand.Usage(context, Name, subcommand);
    }
}
